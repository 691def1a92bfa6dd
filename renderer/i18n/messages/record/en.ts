// The patient's record: the patient screens, screening, allergies, consents, plans, history.
// English is the source language; tr.ts and es.ts beside it have exactly these keys. Keys: record.<what>
// (reasons: reason.<code>).
export const recordEn = {} as const;
