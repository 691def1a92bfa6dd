// A small synthetic clinic in a temporary station database, an admin to export as, and the audit
// trail; shared by the export integration tests.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Actor } from '../../../electron/core/access/actor.js';
import { AuditTrail } from '../../../electron/core/audit/trail.js';
import { systemClock } from '../../../electron/core/clock.js';
import { memorySettings, type SettingsStore } from '../../../electron/core/settings/store.js';
import type { ExportContext, ExportRequest } from '../../../electron/core/exports/run.js';
import { openDatabase, type Db } from '../../../electron/core/storage/db.js';
import { generateClinic, type ClinicOptions, type ClinicSummary } from '../../support/syntheticClinic.js';

export interface Station {
  dir: string;
  out: string;
  db: Db;
  clinic: ClinicSummary;
  admin: Actor;
  audit: AuditTrail;
  /** Holds the audit key as a station before the key store did (a legacy settings file). */
  settings: SettingsStore;
  pseudonymSecret: Buffer;
  ctx(extra?: Partial<ExportContext>): ExportContext;
  request(extra?: Partial<ExportRequest>): ExportRequest;
  close(): void;
}

export const SMALL_CLINIC: ClinicOptions = { rooms: 2, sessionsPerRoomPerDay: 4, days: 3, shotsPerSession: 30, patients: 13, hostile: true, lastInProgress: true, unattributedShots: 3, seed: 7 };

export function openStation(opts: ClinicOptions = SMALL_CLINIC): Station {
  const dir = mkdtempSync(path.join(tmpdir(), 'exports-it-'));
  const out = path.join(dir, 'out');
  mkdirSync(out);
  const db = openDatabase(path.join(dir, 'station.db'));
  const clinic = generateClinic(db, opts);
  const now = new Date().toISOString();
  const adminId = Number(
    db.prepare("INSERT INTO users (username, display_name, role, password_hash, created_at, password_changed_at) VALUES ('admin1', 'Ada Admin', 'admin', 'x', ?, ?)").run(now, now)
      .lastInsertRowid,
  );
  const admin: Actor = { userId: adminId, username: 'admin1', displayName: 'Ada Admin', role: 'admin' };
  const auditKey = randomBytes(32);
  const settings = memorySettings({ auditKey: auditKey.toString('base64') });
  const audit = new AuditTrail(db, systemClock, auditKey);
  const pseudonymSecret = randomBytes(32);
  return {
    dir,
    out,
    db,
    clinic,
    admin,
    audit,
    settings,
    pseudonymSecret,
    ctx: (extra = {}) => ({ stationDb: db, pseudonymSecret, actor: admin, clock: systemClock, audit, software: 'meso-station test', via: 'admin_screen', ...extra, language: extra.language ?? 'en' }),
    request: (extra = {}) => ({ outputs: ['shots_csv'], filters: {}, pseudonymise: false, bom: false, targetDir: out, ...extra }),
    close() {
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
