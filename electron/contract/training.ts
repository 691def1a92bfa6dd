// Training mode: the station runs the built-in simulated gun on its own data folder and database,
// never the clinical one, with a banner on every screen. The simulated gun's own display (pairing
// code, reservoir, faults) is shown on screen, and an on-screen trigger fires it at its real rate, so
// a new user can try a whole session with nothing else running. These methods are public (the "no
// gun found" screen offers training before anyone logs in); the trigger is refused outside training.
import { z } from 'zod';
import { returning } from './define.js';
import type { FaultName } from './sessions.js';
import type { StationMode } from './station.js';

/** What the simulated gun's own display shows. */
export interface SimulatorDisplay {
  serial: string;
  /** The 6 digits the gun shows while pairing; null otherwise. */
  pairingCode: string | null;
  armed: boolean;
  reservoirNl: number;
  /** Active faults, as the gun names them (reservoirLow, occlusion, ...). */
  faults: FaultName[];
  /** Records the simulated gun has made (its shot counter). */
  shots: number;
  /** The cable (the socat pty pair) is in. */
  plugged: boolean;
  /** Someone holds the on-screen trigger (or its key). */
  triggerHeld: boolean;
}

export interface TrainingStatus {
  mode: StationMode;
  /** The built-in simulated gun's display; null in clinical mode, or when the simulator runs in another process. */
  simulator: SimulatorDisplay | null;
}

export interface SwitchResult {
  ok: true;
  /** The station now restarts its core in this mode; this window reconnects to it. */
  mode: StationMode;
}

export const trainingContract = {
  'training.status': returning<TrainingStatus>()(z.strictObject({}), 'public'),
  /**
   * From the "no gun found" screen: the station restarts its core in training mode (its own folder
   * and database, the simulated gun). Refused while a session is in progress or a gun is connected.
   */
  'training.enter': returning<SwitchResult>()(z.strictObject({}), 'public'),
  /** Back to the clinical station (its own folder and database; the gun looked for again). */
  'training.leave': returning<SwitchResult>()(z.strictObject({}), 'public'),
  /**
   * The on-screen trigger, held down or released (a button, or a key held as a foot pedal would).
   * While held the simulated gun fires at its own rate, only while armed. Exists only in training
   * mode: refused otherwise.
   */
  'training.trigger': returning<{ ok: true }>()(z.strictObject({ held: z.boolean() }), 'public'),
} as const;
