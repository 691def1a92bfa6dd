// Where a caller stands with the station when it calls: signed in, locked, still to change an
// admin-set password, or not signed in at all. The dispatcher works it out for every call; only a
// few public methods look at it (the stop, gun.disarm, which must work from every state and audit who
// pressed it). It never grants anything: access is decided by the method's roles alone.
import type { Actor } from './actor.js';

export type Standing =
  | { kind: 'signed-in'; user: Actor }
  | { kind: 'locked'; user: Actor }
  | { kind: 'must-change-password'; user: Actor }
  | { kind: 'signed-out' };

/**
 * Who the audit trail names for an act by a caller in this standing. Only a signed-in user is the
 * actor; anyone may be at a locked station or at the login screen, so those acts are the station's,
 * named by a code the audit screen words ("station (locked)"), with the user the screen was locked
 * for kept beside it.
 */
export function auditedAs(s: Standing): { actor: Actor | null; systemActor: string | null; screenUser: string | null } {
  switch (s.kind) {
    case 'signed-in':
      return { actor: s.user, systemActor: null, screenUser: null };
    case 'locked':
      return { actor: null, systemActor: 'station:locked', screenUser: s.user.username };
    case 'must-change-password':
      return { actor: null, systemActor: 'station:password-change-pending', screenUser: s.user.username };
    case 'signed-out':
      return { actor: null, systemActor: 'station:signed-out', screenUser: null };
  }
}
