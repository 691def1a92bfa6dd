// Quality review: the dashboard, the review queue, serum drafts, the audit trail.
// English is the source language; tr.ts and es.ts beside it have exactly these keys. Keys: quality.<what>
// (reasons: reason.<code>).
export const qualityEn = {} as const;
