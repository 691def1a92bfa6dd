// The one place where the session status words (contract/sessionFilter.ts: in_progress | signed |
// aborted) meet the spelling the clinical_sessions table still stores (active | locked | aborted).
// Filters, lists and exports go through here; once the table stores the words themselves, this
// mapping becomes the identity and goes.
import type { SessionStatus } from '../../contract/sessionFilter.js';

export type StoredStatus = 'active' | 'locked' | 'aborted';

const STORED: Record<SessionStatus, StoredStatus> = { in_progress: 'active', signed: 'locked', aborted: 'aborted' };

/** How the table spells a status (for a WHERE). */
export function storedStatus(status: SessionStatus): StoredStatus {
  return STORED[status];
}

/** The word for a stored status. Anything the table does not hold is a schema fault, not a guess. */
export function statusOf(stored: string): SessionStatus {
  for (const [word, spelling] of Object.entries(STORED) as [SessionStatus, StoredStatus][]) if (spelling === stored) return word;
  throw new Error(`clinical_sessions.status holds ${JSON.stringify(stored)}, which is no session status`);
}

/** The same mapping in SQL, over a column holding the stored status (for queries that select the word). */
export function statusSql(column: string): string {
  return `CASE ${column} ${Object.entries(STORED)
    .map(([word, spelling]) => `WHEN '${spelling}' THEN '${word}'`)
    .join(' ')} END`;
}
