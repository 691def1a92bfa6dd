// Which gun a host talks to: an explicit port (--gun), the built-in simulator (--simulate, or, for
// the Electron app, when no gun is found), or discovery by the USB ids in settings.
import { join } from 'node:path';
import { discoverGunPort, type UsbId } from '../../device/link/index.js';
import { SimulatedGun } from '../../device/sim/index.js';
import type { GunSource } from '../core/services.js';

export interface ChosenGun {
  source: GunSource;
  /** The built-in simulator when it was started (the host's test hooks drive it). */
  sim: SimulatedGun | null;
}

export interface GunChoice {
  simulate: boolean;
  gunPath?: string;
  usbIds: readonly UsbId[];
  /** Folder for the simulator's pty links and journal (kept across restarts: same serial, same records). */
  dataDir: string;
  /** Start the simulator when no gun is found now (Electron's behaviour); the host only simulates on request. */
  simulateWhenNoneFound: boolean;
  log: (line: string) => void;
}

export async function chooseGun(c: GunChoice): Promise<ChosenGun> {
  if (c.gunPath && !c.simulate) return { source: { kind: 'path', path: c.gunPath }, sim: null };
  let simulate = c.simulate;
  if (!simulate && c.simulateWhenNoneFound) {
    try {
      await discoverGunPort({ ids: c.usbIds });
    } catch (e) {
      c.log(`${e instanceof Error ? e.message : String(e)} Starting the built-in SIMULATED gun.`);
      simulate = true;
    }
  }
  if (!simulate) return { source: { kind: 'discover', ids: c.usbIds }, sim: null };
  const dir = join(c.dataDir, 'sim');
  const sim = await SimulatedGun.start({ dir, stateFile: join(dir, 'gun-state.jsonl') });
  c.log(`SIMULATED gun ${sim.serial} on ${sim.stationPath}`);
  return { source: { kind: 'path', path: sim.stationPath }, sim };
}
