// Puts the browser host together: settings file (conf, the base library of electron-store), the
// station core, the gun (a real port, or the built-in simulator on a socat pty), the HTTP/WebSocket
// server, and, only when MESO_TEST_HOOKS=1, the test hooks.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createStation, type Station } from '../core/station.js';
import { openConfSettings } from '../settings/confSettings.js';
import type { SimulatedGun } from '../../device/sim/harness.js';
import { chooseGun } from './gunSource.js';
import { startHostServer, type HostServer } from './server.js';
import { testHookRoutes } from './testHooks.js';

export interface HostOptions {
  port: number;
  dataDir: string;
  /** Start the built-in simulator and connect to it. */
  simulate: boolean;
  /** An explicit serial port path for the gun (otherwise discovery by USB id). */
  gunPath?: string;
  staticDir: string;
  testHooks: boolean;
  token?: string;
  log?: (line: string) => void;
}

export interface RunningHost {
  server: HostServer;
  station: Station;
  sim: SimulatedGun | null;
  close(): Promise<void>;
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const settings = openConfSettings({ cwd: dataDir, onInvalid: (key) => log(`settings: stored ${key} is invalid; using the default`) });

  // The simulator keeps its journal (serial, link key, record ids, unacknowledged records) in the
  // data folder, so a restarted host finds the same gun with its records.
  const gun = await chooseGun({ simulate: opts.simulate, gunPath: opts.gunPath, usbIds: settings.get('gunUsbIds'), dataDir, simulateWhenNoneFound: false, log });
  const sim = gun.sim;

  const station = createStation({ dataDir, settings, gun: gun.source });
  await station.ready;

  const server = await startHostServer({
    station,
    port: opts.port,
    staticDir: opts.staticDir,
    token: opts.token,
    log,
    extraRoutes: opts.testHooks ? testHookRoutes({ sim }) : undefined,
  });

  let closed = false;
  return {
    server,
    station,
    sim,
    async close() {
      if (closed) return;
      closed = true;
      await server.close();
      await station.close();
      await sim?.stop();
    },
  };
}
