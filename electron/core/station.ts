// One station: the database, the services over it, the dispatcher every window calls, and the
// events the core pushes. Plain Node: Electron's main.ts and the browser host both build one.
import { dirname, join } from 'node:path';
import type { StationMode } from '../contract/station.js';
import { newConnection, type ConnectionContext } from './access/connection.js';
import { systemClock, type Clock } from './clock.js';
import { createDispatcher, type Dispatch } from './dispatch.js';
import { EventBus, type CoreBus } from './bus.js';
import { buildHandlers } from './handlers.js';
import { ownerOnlyDir } from './keys/fileVault.js';
import type { KeyVault } from './keys/keyStore.js';
import { consoleLogger, describeUnexpected, type Logger } from './logger.js';
import { createServices, type GunSource, type Services } from './services.js';
import type { SettingsStore } from './settings/store.js';
import { openStationData, type PlainDatabaseChoice } from './startup/openStationData.js';
import type { Db } from './storage/db.js';
import { claimStationMode } from './storage/stationMode.js';
import type { TrainingPort } from './training/port.js';
import type { UsersOptions } from './users/service.js';

export interface StationOptions {
  /** Folder for station.db (created 0700 if missing); or give `dbFile` directly (its folder is the data folder). */
  dataDir?: string;
  dbFile?: string;
  /**
   * Where the keys live (never inside the data folder). Each data folder gets its own key store from
   * it, so a training folder gets its own keys without asking.
   */
  keys: KeyVault;
  /** Required when the database on disk is not encrypted yet: keep or remove the plain copy. */
  plainDatabase?: PlainDatabaseChoice;
  /** Start on a database older than the audit checkpoint (a restored backup), recording it. */
  acceptRestoredDatabase?: boolean;
  /** One line for each thing done at start that someone should know (an encryption in place). */
  notice?: (line: string) => void;
  settings: SettingsStore;
  clock?: Clock;
  logger?: Logger;
  /** Password hashing cost and lock-out policy; tests lower the scrypt cost to stay fast. */
  users?: UsersOptions;
  /**
   * How often idle logins are checked, so an idle station locks (and disarms) on time and the UI
   * hears of it; 0 turns the timer off. Default 1 s: the check walks a handful of in-memory logins.
   */
  autoLockSweepMs?: number;
  /** The gun to connect to; without one, no gun is looked for (tests of the other areas). */
  gun?: GunSource;
  /**
   * Clinical (default) or training. The database is claimed for its mode when first opened and a
   * database of the other mode is refused; training mode only accepts the simulated gun.
   */
  mode?: StationMode;
  /** The host's side of training mode (simulator display and trigger, switching modes). */
  training?: TrainingPort;
}

export interface Station {
  dispatch: Dispatch;
  newConnection(): ConnectionContext;
  /** A window closed: its login ends (audited as a logout; the gun disarmed first if it was armed for it). */
  closeConnection(conn: ConnectionContext): void;
  /** Signed in, unlocked and enabled: may receive pushed events (host/events.ts decides which). */
  receivesEvents(conn: ConnectionContext): boolean;
  /** The core's bus; hosts forward the contract's StationEvents from it, and nothing else. */
  events: CoreBus;
  db: Db;
  services: Services;
  /**
   * Resolves once the session in progress (if any) is restored and the gun link started. Calls made
   * before then wait behind the restore in the workflow's queue.
   */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the data folder (keys, encryption, migrations, audit checkpoint: startup/openStationData.ts)
 * and builds the station over it. Throws StartRefusal when it must not start (a missing or wrong key,
 * a plain database without a choice, a rolled-back database), with a message to show as it is.
 */
export function createStation(options: StationOptions): Station {
  const file = options.dbFile ?? (options.dataDir ? join(options.dataDir, 'station.db') : undefined);
  if (!file) throw new Error('createStation needs dataDir or dbFile');
  const dataDir = options.dataDir ?? dirname(file);
  const clock = options.clock ?? systemClock;
  const data = openStationData({
    dataDir,
    dbFile: file,
    keys: options.keys.forDataDir(dataDir),
    settings: options.settings,
    clock,
    logger: options.logger,
    plainDatabase: options.plainDatabase,
    acceptRestoredDatabase: options.acceptRestoredDatabase,
    notice: options.notice,
  });
  const { db, audit } = data;
  const mode = options.mode ?? 'clinical';
  try {
    claimStationMode(db, mode, new Date(clock.now()).toISOString());
  } catch (e) {
    db.close();
    throw e;
  }
  // The exports screen's default folder: owner-only, as the records it will hold.
  const exportsDir = join(dataDir, 'exports');
  ownerOnlyDir(exportsDir);
  const events: CoreBus = new EventBus(options.logger);
  const services = createServices({
    db,
    mode,
    audit,
    keys: data.keys,
    pseudonymSecret: data.pseudonymSecret,
    settings: options.settings,
    clock,
    bus: events,
    users: options.users,
    gun: options.gun,
    logger: options.logger,
    exportsDir,
  });
  const dispatch = createDispatcher({ handlers: buildHandlers(services, mode, options.training ?? null), logins: services.auth, logger: options.logger });
  const training = options.training;
  const offTraining = training?.onChanged(() => events.emit('training.changed', { mode, simulator: mode === 'training' ? training.simulator() : null }));

  const sweepMs = options.autoLockSweepMs ?? 1_000;
  const timer = sweepMs > 0 ? setInterval(() => services.logins.sweep(), sweepMs) : undefined;
  timer?.unref();

  // Restore the session in progress before the gun speaks, so replayed records find their session.
  const ready = services.sessionsArea.sessions.init().then(() => {
    if (options.gun) services.link.start();
  });

  let closed = false;
  return {
    dispatch,
    newConnection,
    closeConnection: (conn) => {
      training?.connectionClosed(conn.id);
      void services.auth.connectionClosed(conn).catch((e: unknown) => (options.logger ?? consoleLogger).error('closing a connection failed', describeUnexpected(e)));
    },
    receivesEvents: (conn) => services.auth.receivesEvents(conn),
    events,
    db,
    services,
    ready,
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      offTraining?.();
      await ready.catch(() => undefined);
      services.sessionsArea.detach();
      services.gun.close();
      await services.link.stop();
      await services.sessionsArea.sessions.whenIdle();
      // The last head into the key store's checkpoint; the WAL into the file (libsql does not
      // checkpoint at close, and a backup that copies station.db alone must hold everything); close.
      audit.close();
      try {
        db.pragma('wal_checkpoint(TRUNCATE)');
      } catch (e) {
        options.logger?.error('checkpoint at close failed', describeUnexpected(e));
      }
      db.close();
    },
  };
}
