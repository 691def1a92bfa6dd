// First-run set-up and station status (public: they work before anyone can log in), and the events
// the core pushes to windows.
import { z } from 'zod';
import { returning } from './define.js';
import type { GunView } from './gun.js';
import type { Language } from './languages.js';
import type { WorkflowEvent } from './sessions.js';
import type { TrainingStatus } from './training.js';
import { displayNameSchema, newPasswordSchema, usernameSchema, type Me } from './users.js';

/**
 * A clinical station drives a real gun and keeps clinical records. A training station runs the
 * simulated gun, on its own data folder and database (never the clinical one), with a banner on every
 * screen; its exports are marked as training.
 */
export type StationMode = 'clinical' | 'training';

export interface SetupStatus {
  /** True until the first admin exists; the UI then shows set-up instead of login. */
  needsSetup: boolean;
  mode: StationMode;
  stationName: string;
  room: string;
  /** The station's language (users may choose their own: Me.language). */
  language: Language;
}

export const stationContract = {
  'setup.status': returning<SetupStatus>()(z.strictObject({}), 'public'),
  /** Allowed only while no user exists; logs the new admin in on this connection. */
  'setup.createAdmin': returning<Me>()(
    z.strictObject({ username: usernameSchema, displayName: displayNameSchema, password: newPasswordSchema }),
    'public',
  ),
} as const;

/**
 * The events that cross from the core to the renderer, and their payloads: the core publishes them on
 * its bus (core/bus.ts) among its own, and the hosts forward exactly these (host/events.ts), each to
 * the connection it names or to its audience.
 */
export interface StationEvents {
  /**
   * A login locked (idle past autoLockMinutes, or the user locked it). `gunDisarmed`: the gun
   * was armed for this user's session and was disarmed before the lock; the lock screen says so.
   */
  'login.locked': { connectionId: string; userId: number; reason: 'idle' | 'explicit'; gunDisarmed: boolean };
  /** The gun's link state, identity or status changed (about twice a second while connected). */
  'gun.changed': GunView;
  /** The session workflow moved, stopped at a limit or stopped the gun, or a dose could not be attributed. */
  'workflow.event': WorkflowEvent;
  /** Dose records were committed to the ledger: screens showing these sessions refresh their totals. */
  'doses.committed': { sessionIds: number[]; records: number; unattributed: number };
  /** Training mode: the simulated gun's display changed (pairing code, armed, reservoir, faults, shots). */
  'training.changed': TrainingStatus;
}
