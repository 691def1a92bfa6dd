// Shared set-up for the core's users/access/audit/settings tests: a station on a temp directory with
// a movable clock, cheap password hashing and no background timer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionContext } from '../../../electron/core/access/connection.js';
import type { CoreError } from '../../../electron/core/errors.js';
import { memoryKeyVault, type KeyVault } from '../../../electron/core/keys/keyStore.js';
import type { Logger } from '../../../electron/core/logger.js';
import { memorySettings, type SettingsStore } from '../../../electron/core/settings/store.js';
import { createStation, type Station } from '../../../electron/core/station.js';
import type { UsersOptions } from '../../../electron/core/users/service.js';
import { TestClock } from '../../support/clock.js';
import { refusal } from '../../support/coreErrors.js';
import { FAST_USERS } from '../../support/users.js';

export const ADMIN = { username: 'alice', displayName: 'Alice Admin', password: 'correct horse battery' };
export const CLINICIAN = { username: 'carl', displayName: 'Carl Clinician', password: 'staple tray 12345' };
/** What the admin gives a new account; the user must replace it (with CLINICIAN.password) before acting. */
export const CLINICIAN_FIRST_PASSWORD = 'given by alice 123';

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'meso-core-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Harness {
  station: Station;
  clock: TestClock;
  settings: SettingsStore;
  /** The station's keys (in memory): a test that reopens the station passes them again. */
  keys: KeyVault;
  dir: string;
  logged: { event: string; detail: Record<string, unknown> }[];
  call(conn: ConnectionContext, method: string, input?: unknown): Promise<unknown>;
  /** The CoreError a call fails with (fails the test if it succeeds). */
  fail(conn: ConnectionContext, method: string, input?: unknown): Promise<CoreError>;
  /** Closes the station (its link stopped, its database checkpointed and closed), then removes its folder. */
  close(): Promise<void>;
}

export function makeHarness(options: { users?: UsersOptions; settings?: SettingsStore } = {}): Harness {
  const { dir, cleanup } = tempDir();
  const clock = new TestClock();
  const settings = options.settings ?? memorySettings();
  const logged: Harness['logged'] = [];
  const logger: Logger = { error: (event, detail) => void logged.push({ event, detail }) };
  const keys = memoryKeyVault();
  const station = createStation({ dataDir: dir, settings, keys, clock, logger, users: options.users ?? FAST_USERS, autoLockSweepMs: 0 });
  const call = (conn: ConnectionContext, method: string, input: unknown = {}): Promise<unknown> => station.dispatch(conn, method, input);
  return {
    station,
    clock,
    settings,
    keys,
    dir,
    logged,
    call,
    fail: (conn, method, input = {}) => refusal(call(conn, method, input)),
    async close() {
      try {
        await station.close();
      } finally {
        cleanup();
      }
    },
  };
}

/**
 * Sets the station up with an admin and a clinician, each logged in on a connection of their own. The
 * clinician has replaced the password the admin gave them (CLINICIAN_FIRST_PASSWORD) with their own
 * (CLINICIAN.password), as they must before anything else works; `mustChange: true` stops short of that.
 */
export async function withUsers(
  h: Harness,
  options: { mustChange?: boolean } = {},
): Promise<{ admin: ConnectionContext; clinician: ConnectionContext; adminId: number; clinicianId: number }> {
  const admin = h.station.newConnection();
  const me = (await h.call(admin, 'setup.createAdmin', ADMIN)) as { userId: number };
  const created = (await h.call(admin, 'users.create', { ...CLINICIAN, password: CLINICIAN_FIRST_PASSWORD, role: 'clinician' })) as { id: number };
  const clinician = h.station.newConnection();
  await h.call(clinician, 'auth.login', { username: CLINICIAN.username, password: CLINICIAN_FIRST_PASSWORD });
  if (!options.mustChange) await h.call(clinician, 'auth.changePassword', { currentPassword: CLINICIAN_FIRST_PASSWORD, newPassword: CLINICIAN.password });
  return { admin, clinician, adminId: me.userId, clinicianId: created.id };
}

export function count(h: Harness, table: string): number {
  return (h.station.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}
