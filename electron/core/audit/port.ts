// What a service needs from the audit trail to record a change: one append, made inside the same
// transaction as the change it records, so a change and its audit row commit or vanish together. The
// AuditTrail (trail.ts) satisfies it; tests pass a fake. One shape for every area (ledger, patients,
// courses, serum, sessions, quality).
import type { Actor } from '../access/actor.js';

export interface AuditAppend {
  actor: Actor | null;
  /**
   * With no actor: the code of the system actor the row names instead ('station:locked' for a stop
   * pressed at a locked station). Written into the username column, which stays null otherwise.
   */
  systemActor?: string | null;
  /** What happened, "area.verb" style: 'user.create', 'settings.update', 'auth.login-failed'. */
  action: string;
  /** The kind of thing it happened to: 'user', 'settings', 'patient'. */
  entity: string;
  entityId: string | number | null;
  /** Plain JSON; keys that look like secrets are redacted before writing. */
  oldValue?: unknown;
  newValue?: unknown;
  reason?: string | null;
}

export interface AuditPort {
  append(entry: AuditAppend): void;
}
