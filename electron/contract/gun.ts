// The gun as windows see it: the link's state, the gun's identity and last status, and pairing.
// Pairing is an admin's act: the code the gun displays proves someone is standing at it.
import { z } from 'zod';
import { returning } from './define.js';
import type { ReportedFault } from './sessions.js';

/** Mirrors device/link LinkState (checked at compile time in electron/core/gun/gunService.ts). */
export type GunLinkState =
  | 'stopped'
  | 'disconnected'
  | 'connecting'
  | 'handshaking'
  | 'awaiting-pairing'
  | 'authenticating'
  | 'syncing'
  | 'ready'
  | 'refused';

export interface GunView {
  linkState: GunLinkState;
  /** Why the gun is refused or cannot be reached, in words for the operator; null when all is well. */
  detail: string | null;
  identity: {
    model: string;
    serial: string;
    firmware: string;
    /** The built-in simulator: every screen must say so. */
    simulated: boolean;
    limits: { doseMinNl: number; doseMaxNl: number; depthMinUm: number; depthMaxUm: number; maxShotsPerS: number };
  } | null;
  status: {
    armed: boolean;
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
   * Disarms the gun whatever the session says (none, unreadable, any phase): the way to make it safe
   * outside mesotherapy. Audited with who did it; recorded on the session if it had the gun armed.
   */
  'gun.disarm': returning<GunView>()(z.strictObject({}), ['clinician', 'admin']),
} as const;
