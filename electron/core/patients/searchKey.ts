// What a patient search matches against: the folded name and clinic id (contract/textFold.ts). Kept
// in a column (migration 130) because SQLite's NOCASE folds ASCII only and libsql cannot call
// JavaScript from a query. The unit separator (U+001F, not NUL: SQLite LIKE stops at a NUL) between
// the two keeps a search from matching across them.
import { foldForSearch } from '../../contract/textFold.js';

export function patientSearchKey(fullName: string | null, clinicId: string | null): string {
  return foldForSearch(`${fullName ?? ''}\u001f${clinicId ?? ''}`);
}
