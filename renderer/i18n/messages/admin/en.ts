// The admin screens: guns, serum library, lots, consent forms, users, session records, exports.
// English is the source language; tr.ts and es.ts beside it have exactly these keys. Keys: admin.<what>
// (reasons: reason.<code>).
export const adminEn = {} as const;
