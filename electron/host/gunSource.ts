// Which gun a station talks to. Clinical mode: an explicit port (--gun), or discovery by the USB ids
// in settings; never the simulator, and when no gun is found the link says so and keeps looking.
// Training mode: the built-in simulator on a socat pty in the training folder, or a simulator run
// elsewhere (`npm run sim`) given with --gun.
import { join } from 'node:path';
import type { UsbId } from '../../device/link/index.js';
import { SimulatedGun } from '../../device/sim/index.js';
import type { StationMode } from '../contract/station.js';
import type { GunSource } from '../core/services.js';

export interface ChosenGun {
  source: GunSource;
  /** The built-in simulator when it was started (training mode only). */
  sim: SimulatedGun | null;
}

export interface GunChoice {
  mode: StationMode;
  gunPath?: string;
  usbIds: readonly UsbId[];
  /** The mode's data folder: the simulator keeps its pty links and journal in `sim/` there (same serial, same records after a restart). */
  dataDir: string;
  log: (line: string) => void;
}

export async function chooseGun(c: GunChoice): Promise<ChosenGun> {
  if (c.gunPath) return { source: { kind: 'path', path: c.gunPath }, sim: null };
  if (c.mode === 'clinical') return { source: { kind: 'discover', ids: c.usbIds }, sim: null };
  const dir = join(c.dataDir, 'sim');
  const sim = await SimulatedGun.start({ dir, stateFile: join(dir, 'gun-state.jsonl') });
  c.log(`TRAINING: simulated gun ${sim.serial} on ${sim.stationPath}`);
  return { source: { kind: 'path', path: sim.stationPath }, sim };
}
