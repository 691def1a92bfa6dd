// The session screens: preparation, thermotherapy, mesotherapy, closing care, review.
// English is the source language; tr.ts and es.ts beside it have exactly these keys. Keys: session.<what>
// (reasons: reason.<code>).
export const sessionEn = {} as const;
