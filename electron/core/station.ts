// One station: the database, the services over it, the dispatcher every window calls, and the
// events the core pushes. Plain Node: Electron's main.ts and the browser host both build one.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { StationEvents } from '../contract/station.js';
import { newConnection, type ConnectionContext } from './access/connection.js';
import { systemClock, type Clock } from './clock.js';
import { createDispatcher, type Dispatch } from './dispatch.js';
import { TypedEvents } from './events.js';
import { buildHandlers } from './handlers.js';
import type { Logger } from './logger.js';
import { createServices, type GunSource, type Services } from './services.js';
import type { SettingsStore } from './settings/store.js';
import { openDatabase, type Db } from './storage/db.js';
import type { UsersOptions } from './users/service.js';

export interface StationOptions {
  /** Folder for station.db (created if missing); or give `dbFile` directly. */
  dataDir?: string;
  dbFile?: string;
  settings: SettingsStore;
  clock?: Clock;
  logger?: Logger;
  /** Password hashing cost and lock-out policy; tests lower the scrypt cost to stay fast. */
  users?: UsersOptions;
  /** How often idle sessions are checked so the UI hears of an auto-lock; 0 turns the timer off. */
  autoLockSweepMs?: number;
  /** The gun to connect to; without one, no gun is looked for (tests of the other areas). */
  gun?: GunSource;
}

export interface Station {
  dispatch: Dispatch;
  newConnection(): ConnectionContext;
  /** A window closed: its login session ends (audited as a logout). */
  closeConnection(conn: ConnectionContext): void;
  events: TypedEvents<StationEvents>;
  db: Db;
  services: Services;
  /**
   * Resolves once the session in progress (if any) is restored and the gun link started. Calls made
   * before then wait behind the restore in the workflow's queue.
   */
  ready: Promise<void>;
  close(): Promise<void>;
}

export function createStation(options: StationOptions): Station {
  const file = options.dbFile ?? (options.dataDir ? join(options.dataDir, 'station.db') : undefined);
  if (!file) throw new Error('createStation needs dataDir or dbFile');
  if (options.dataDir && !options.dbFile) mkdirSync(options.dataDir, { recursive: true });
  const db = openDatabase(file);
  // The exports screen's default folder: owner-only, as the records it will hold.
  const exportsDir = join(options.dataDir ?? dirname(file), 'exports');
  mkdirSync(exportsDir, { recursive: true, mode: 0o700 });
  const events = new TypedEvents<StationEvents>();
  const services = createServices({ db, settings: options.settings, clock: options.clock ?? systemClock, events, users: options.users, gun: options.gun, logger: options.logger, exportsDir });
  const dispatch = createDispatcher({ handlers: buildHandlers(services), sessions: services.auth, logger: options.logger });

  const sweepMs = options.autoLockSweepMs ?? 15_000;
  const timer = sweepMs > 0 ? setInterval(() => services.sessions.sweep(), sweepMs) : undefined;
  timer?.unref();

  // Restore the session in progress before the gun speaks, so replayed records find their session.
  const ready = services.sessionsArea.sessions.init().then(() => {
    if (options.gun) services.link.start();
  });

  let closed = false;
  return {
    dispatch,
    newConnection,
    closeConnection: (conn) => services.auth.logout(conn),
    events,
    db,
    services,
    ready,
    async close() {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      await ready.catch(() => undefined);
      services.sessionsArea.detach();
      await services.link.stop();
      await services.sessionsArea.sessions.whenIdle();
      db.close();
    },
  };
}
