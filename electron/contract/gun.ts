// The gun as windows see it: the link's state, the gun's identity and last status, and pairing.
// Pairing is an admin's act: the code the gun displays proves someone is standing at it.
import { z } from 'zod';
import { returning } from './define.js';
import type { ReportedFault } from './sessions.js';
import type { LinkState } from '../../device/link/index.js';

/**
 * The link's state (device/link), as windows see it. A type-only import: it is erased at compile time,
 * so the renderer still loads nothing from device/.
 */
export type GunLinkState = LinkState;

/**
 * What the station can honestly say about the gun's trigger.
 *  - armed / disarmed: from a STATUS the gun sent on the live link.
 *  - may-be-armed: the link (or the window's line to the station) was lost while the gun was armed;
 *    the gun keeps firing until its own heartbeat watchdog disarms it, about 1 s after it last heard
 *    the station (deadline in `watchdogDeadline`).
 *  - watchdog-disarmed: that deadline has passed: the gun has disarmed itself (by design of its
 *    watchdog; no STATUS confirms it until it is back).
 *  - unknown: no fresh STATUS, and nothing suggests it was armed.
 *  - no-gun: no gun has been connected since the station started: none can be armed by it.
 * Never "disarmed" without a fresh STATUS saying so.
 */
export type TriggerState = 'armed' | 'disarmed' | 'may-be-armed' | 'watchdog-disarmed' | 'unknown' | 'no-gun';

export interface TriggerView {
  state: TriggerState;
  /** Station time the last STATUS arrived (null: none since the link came up). */
  statusAt: number | null;
  /** When the gun was lost while armed (station time); null otherwise. */
  lostArmedAt: number | null;
  /** By then the gun's watchdog has disarmed it (station time); null unless lost while armed. */
  watchdogDeadline: number | null;
  /** The gun disarms itself this long after it last heard the station (the protocol's figure). */
  watchdogMs: number;
}

/**
 * Margin added to the gun's watchdog before saying it has run out: the gun checks its watchdog on a
 * 50 ms tick, and the station's last heartbeat may have left a little before the loss was seen.
 */
export const WATCHDOG_MARGIN_MS = 500;

/**
 * The trigger once the line to the gun is lost (by the station, or by a window that lost the
 * station): `lastKnown` is the last state seen on the live line, `lostAt` when the loss was seen.
 * The one rule both the core and the screens apply, so they cannot disagree.
 */
export function triggerAfterLoss(lastKnown: TriggerState, lostAt: number, now: number, watchdogMs: number): Pick<TriggerView, 'state' | 'lostArmedAt' | 'watchdogDeadline'> {
  if (lastKnown === 'armed' || lastKnown === 'may-be-armed' || lastKnown === 'watchdog-disarmed') {
    const deadline = lostAt + watchdogMs + WATCHDOG_MARGIN_MS;
    return { state: now >= deadline ? 'watchdog-disarmed' : 'may-be-armed', lostArmedAt: lostAt, watchdogDeadline: deadline };
  }
  return { state: lastKnown === 'no-gun' ? 'no-gun' : 'unknown', lostArmedAt: null, watchdogDeadline: null };
}

/** The stop is shown whenever the gun is, or may be, armed, or its state is not known. */
export function stopNeeded(state: TriggerState): boolean {
  return state === 'armed' || state === 'may-be-armed' || state === 'unknown';
}

export interface GunView {
  linkState: GunLinkState;
  /** Why the gun is refused or cannot be reached, in words for the operator; null when all is well. */
  detail: string | null;
  /** The link's code for `detail` ('port-not-found': no gun found; the station keeps looking). */
  detailCode: string | null;
  trigger: TriggerView;
  identity: {
    model: string;
    serial: string;
    firmware: string;
    /** The built-in simulator: every screen must say so. */
    simulated: boolean;
    limits: { doseMinNl: number; doseMaxNl: number; depthMinUm: number; depthMaxUm: number; maxShotsPerS: number };
  } | null;
  /** The gun's last STATUS (kept, marked stale, while the link is down); the trigger is in `trigger`. */
  status: {
    reservoirNl: number;
    reservoirCapacityNl: number;
    batteryPct: number;
    needleSeated: boolean;
    /** Active faults; one this station does not know is "unknown (code N)". */
    faults: ReportedFault[];
  } | null;
  /** The gun is showing a pairing code: type it into gun.pair. */
  pairingInProgress: boolean;
  /** Where the station looks for the gun (a device path, or "USB discovery"). */
  source: string;
}

export interface PairedGunView {
  serial: string;
  model: string;
  firmware: string;
  pairedAt: string;
  lastSeenAt: string | null;
  connected: boolean;
}

export const pairingCodeSchema = z.string().trim().regex(/^\d{6}$/, 'must be the 6 digits the gun shows');

export const gunContract = {
  /** Public: the gun's state is shown on every screen, the login screen included. No patient data. */
  'gun.status': returning<GunView>()(z.strictObject({}), 'public'),
  'gun.beginPairing': returning<GunView>()(z.strictObject({}), ['admin']),
  'gun.pair': returning<GunView>()(z.strictObject({ code: pairingCodeSchema }), ['admin']),
  'gun.paired': returning<PairedGunView[]>()(z.strictObject({}), ['admin']),
  /**
   * The stop. Disarms the gun whatever the session says (none, unreadable, any phase) and whatever
   * the caller's login (signed in, locked, a password change pending, none): public, so any
   * connection the host trusts (its own window, a browser holding the launch token) can stop the gun
   * from any screen. Audited with who did it, or the station ("station (locked)") when nobody is
   * signed in; recorded on the session if it had the gun armed.
   */
  'gun.disarm': returning<GunView>()(z.strictObject({}), 'public'),
} as const;
