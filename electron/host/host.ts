// Puts the browser host together: settings file (conf, the base library of electron-store), the
// station core, the gun (a real port, or the built-in simulator on a socat pty), the HTTP/WebSocket
// server, and, only when MESO_TEST_HOOKS=1, the test hooks.
import { resolve } from 'node:path';
import { defaultKeyDir, openKeyVault, ownerOnlyDir } from '../core/keys/fileVault.js';
import { sealerFromEnvironment } from '../core/keys/sealers.js';
import type { PlainDatabaseChoice } from '../core/startup/openStationData.js';
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
  // --- Keys and encryption at rest (issue 11) ---
  /** The key folder (never inside the data folder); default MESO_KEY_DIR, else the user's config folder. */
  keyDir?: string;
  /** Required when the database on disk is not encrypted yet. */
  plainDatabase?: PlainDatabaseChoice;
  acceptRestoredDatabase?: boolean;
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
  ownerOnlyDir(dataDir);
  const settings = openConfSettings({ cwd: dataDir, onInvalid: (key) => log(`settings: stored ${key} is invalid; using the default`) });

  // The simulator keeps its journal (serial, link key, record ids, unacknowledged records) in the
  // data folder, so a restarted host finds the same gun with its records.
  const gun = await chooseGun({ simulate: opts.simulate, gunPath: opts.gunPath, usbIds: settings.get('gunUsbIds'), dataDir, simulateWhenNoneFound: false, log });
  const sim = gun.sim;

  // --- Keys and encryption at rest (issue 11): one key vault; each data folder gets its own keys. ---
  const keys = openKeyVault({ dir: resolve(opts.keyDir ?? process.env.MESO_KEY_DIR ?? defaultKeyDir()), sealer: sealerFromEnvironment() });
  let station: Station;
  try {
    station = createStation({ dataDir, settings, gun: gun.source, keys, plainDatabase: opts.plainDatabase, acceptRestoredDatabase: opts.acceptRestoredDatabase, notice: log });
  } catch (e) {
    await sim?.stop();
    throw e;
  }
  // --- end keys ---
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
