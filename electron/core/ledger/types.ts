// What the ledger needs from the workflow (where a record belongs) and from the audit trail. Kept as
// small interfaces so the ledger never depends on the session machinery.
import type { DoseRecord } from '../../../device/link/index.js';
import type { Zone } from '../../contract/sessions.js';
import type { Actor } from '../access/actor.js';

/** Where a shot went: the session, zone and serum armed at the time it was fired. */
export interface Attribution {
  sessionId: number;
  armWindowId: number;
  zone: Zone;
  serumVersionId: number;
  lotId: number;
  lotNumber: string;
  clinician: Actor;
}

export type AttributionResult = { attributed: Attribution } | { unattributed: string };

/** Held in memory by the session workflow; asked once per new record, inside the commit transaction. */
export interface AttributionSource {
  attribute(record: DoseRecord): AttributionResult;
}

/** The audit trail as the ledger uses it (AuditTrail satisfies it); called inside our transaction. */
export type { AuditPort } from '../audit/port.js';

/** A record the ledger stored for the first time, with where it went. */
export interface CommittedDose {
  rowId: number;
  record: DoseRecord;
  result: AttributionResult;
}
