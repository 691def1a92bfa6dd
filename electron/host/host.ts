// Puts the browser host together: the key vault (issue 11: one vault outside the data folders; each
// data folder gets its own keys), the station runtime (its core in clinical or training mode, with
// the settings file of that mode's folder: conf, the base library of electron-store), the
// HTTP/WebSocket server, and, only when MESO_TEST_HOOKS=1, the test hooks.
import { resolve } from 'node:path';
import type { SimulatedGun } from '../../device/sim/harness.js';
import type { StationMode } from '../contract/station.js';
import { defaultKeyDir, openKeyVault, ownerOnlyDir } from '../core/keys/fileVault.js';
import { sealerFromEnvironment } from '../core/keys/sealers.js';
import type { PlainDatabaseChoice } from '../core/startup/openStationData.js';
import { createStation, type Station } from '../core/station.js';
import { openConfSettings } from '../settings/confSettings.js';
import { StationRuntime } from './runtime.js';
import { startHostServer, type HostServer } from './server.js';
import { testHookRoutes } from './testHooks.js';

export interface HostOptions {
  port: number;
  /** The clinical data folder; training mode keeps its own in `<dataDir>/training`. */
  dataDir: string;
  /** Training mode: the simulated gun, its own folder and database, a banner on every screen. */
  training: boolean;
  /** An explicit serial port path for the gun (otherwise discovery by USB id, or the built-in simulator in training). */
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
  runtime: StationRuntime;
  /** The running core (it changes when the mode is switched). */
  readonly station: Station;
  readonly sim: SimulatedGun | null;
  readonly mode: StationMode;
  close(): Promise<void>;
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const log = opts.log ?? ((l: string) => console.log(l));
  const dataDir = resolve(opts.dataDir);
  ownerOnlyDir(dataDir);
  // --- Keys and encryption at rest (issue 11): one key vault; each data folder gets its own keys. ---
  const keys = openKeyVault({ dir: resolve(opts.keyDir ?? process.env.MESO_KEY_DIR ?? defaultKeyDir()), sealer: sealerFromEnvironment() });

  let server: HostServer | null = null;
  const runtime = await StationRuntime.start({
    dataDir,
    mode: opts.training ? 'training' : 'clinical',
    gunPath: opts.gunPath,
    openSettings: (dir) => openConfSettings({ cwd: dir, onInvalid: (key) => log(`settings: stored ${key} is invalid; using the default`) }),
    createStation: (o) => createStation({ ...o, keys, plainDatabase: opts.plainDatabase, acceptRestoredDatabase: opts.acceptRestoredDatabase, notice: log }),
    log,
    // Every page reconnects to the new core (and finds its mode, its users, its gun).
    onSwitched: (mode) => {
      log(mode === 'training' ? 'TRAINING mode: simulated gun, training data folder' : 'CLINICAL mode');
      server?.dropConnections();
    },
  });

  server = await startHostServer({
    station: runtime,
    port: opts.port,
    staticDir: opts.staticDir,
    token: opts.token,
    log,
    extraRoutes: opts.testHooks ? testHookRoutes({ sim: () => runtime.sim }) : undefined,
  });

  let closed = false;
  const running: RunningHost = {
    server,
    runtime,
    get station() {
      return runtime.station;
    },
    get sim() {
      return runtime.sim;
    },
    get mode() {
      return runtime.mode;
    },
    async close() {
      if (closed) return;
      closed = true;
      await server?.close();
      await runtime.close();
    },
  };
  return running;
}
