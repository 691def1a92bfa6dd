// Refusals and warnings: each core reason code with its parameters, worded for the screen.
// English is the source language; tr.ts and es.ts beside it have exactly these keys. Keys: reasons.<what>
// (reasons: reason.<code>).
export const reasonsEn = {} as const;
