// Shapes shared by the simulator's modules and by the tests that drive it.
import type { AuthStats, FaultName, GunLimits, MessageOf } from '../protocol/index.js';

export interface SimOptions {
  /** JSON-lines journal holding serial, link key, record ids and every record ever made. */
  stateFile: string;
  /** Used when the state file is new; afterwards the file's serial wins (a gun keeps its serial). */
  serial?: string;
  /** The word 'simulated' in the model marks a simulator for the station. */
  model?: string;
  firmware?: string;
  /** Seeds delivery error and line noise; the same seed replays the same run. */
  seed?: number;
  /** Serum in the syringe at power-on; default 5 mL. */
  reservoirNl?: number;
  limits?: GunLimits;
  /** To simulate an incompatible gun. */
  protocolVersion?: number;
  /** To simulate a gun whose message table differs without a version bump. */
  schemaHash?: Uint8Array;
  /** false: no shot-rate limit and instant shots (only for the link benchmark). */
  rateLimit?: boolean;
}

export const SIM_DEFAULTS = {
  serial: 'SIM-0001',
  model: 'MesoGun MG-9 (simulated)',
  firmware: '1.0.0-sim',
  seed: 1,
  reservoirNl: 5_000_000,
  /** domain.md: reservoir low warning under 1 mL. */
  reservoirLowNl: 1_000_000,
  batteryPct: 100,
  lowBatteryPct: 10,
  /** How long one shot takes (needle in, release, out) when rate-limited; a fault can cut it short. */
  shotDurationMs: 50,
  /** Housekeeping tick: heartbeat watchdog and record resend are checked this often. */
  tickMs: 50,
} as const;

/** One dose record exactly as the gun sent it (DOSE_RECORD payload, MAC included). */
export type SimRecord = Omit<MessageOf<'DOSE_RECORD'>, 'type'>;

export interface SimStats {
  /** Valid frames received from the station. */
  framesIn: number;
  /** Frames dropped by the decoder (corrupt, wrong direction, ...). */
  framesBad: number;
  /** Tagged frames that arrived while the gun held no session (after a reboot, say): dropped. */
  taggedWithoutSession: number;
  /** Frames the gun's authenticated sessions took or refused (by reason and by message type). */
  auth: AuthStats;
  shotsFired: number;
  /** Trigger presses dropped because the gun was not armed (or was disarmed with presses queued). */
  pressesDropped: number;
  /** Of those, presses refused because the arming's volume budget could not hold the next shot. */
  budgetRefusals: number;
  /** Bytes with a bit flipped by fault injection, both directions. */
  bytesCorrupted: number;
}

/** Events of GunModel and GunSimulator. */
export interface SimEvents {
  'pairing-code': [code: string];
  paired: [];
  armed: [];
  disarmed: [reason: string];
  shot: [record: SimRecord];
  fault: [name: FaultName, active: boolean];
  'heartbeat-lost': [];
  /** A burst of frames failing authentication ended the session; the gun disarmed. */
  'session-dropped': [reason: string];
  detached: [];
}
