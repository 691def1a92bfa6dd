// SQL over dose_records. Totals are always summed from the rows (never a stored counter), so a replay,
// a crash or a restart can never make them drift from what the gun recorded.
import type { DoseRecord } from '../../../device/link/index.js';
import type { UnattributedRecordView, Zone } from '../../contract/sessions.js';
import type { Db } from '../storage/db.js';
import { stmt } from './statements.js';
import type { AttributionResult } from './types.js';

export interface ZoneTotal {
  zone: Zone;
  deliveredNl: number;
  commandedNl: number;
  shots: number;
}

export function insertDose(db: Db, record: DoseRecord, result: AttributionResult, committedAtMs: number): number | null {
  const a = 'attributed' in result ? result.attributed : null;
  const r = stmt(
    db,
    `INSERT OR IGNORE INTO dose_records (gun_serial, record_id, session_id, arm_window_id, zone, serum_version_id, lot_id, lot_number,
         clinician_user_id, unattributed_reason, gun_started_at_ms, gun_ended_at_ms, received_at_ms, committed_at_ms, commanded_nl,
         delivered_nl, depth_um, entry_pct, dwell_pct, exit_pct, mode, fault, record_crc, record_mac, record_key_id, authenticated)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.gunSerial,
    record.recordId,
    a?.sessionId ?? null,
    a?.armWindowId ?? null,
    a?.zone ?? null,
    a?.serumVersionId ?? null,
    a?.lotId ?? null,
    a?.lotNumber ?? null,
    a?.clinician.userId ?? null,
    'unattributed' in result ? result.unattributed : null,
    record.startedAtMs,
    record.endedAtMs,
    record.receivedAtMs,
    committedAtMs,
    record.commandedNl,
    record.deliveredNl,
    record.depthUm,
    record.entryPct,
    record.dwellPct,
    record.exitPct,
    record.mode,
    record.fault,
    record.recordCrc,
    record.recordMac,
    record.keyId,
    record.authenticated ? 1 : 0,
  );
  return r.changes === 1 ? Number(r.lastInsertRowid) : null;
}

export function isHeld(db: Db, gunSerial: string, recordId: number): boolean {
  return stmt(db, 'SELECT 1 FROM dose_records WHERE gun_serial = ? AND record_id = ?').get(gunSerial, recordId) !== undefined;
}

/**
 * Highest n with every id 1..n held: the first held id whose successor is missing, provided id 1 is
 * held at all. Gaps (a record lost in transit and not yet replayed) stop the run.
 */
export function highestContiguous(db: Db, gunSerial: string): number {
  if (!isHeld(db, gunSerial, 1)) return 0;
  const r = db
    .prepare(
      `SELECT MIN(d.record_id) AS n FROM dose_records d
       WHERE d.gun_serial = ? AND NOT EXISTS (SELECT 1 FROM dose_records e WHERE e.gun_serial = d.gun_serial AND e.record_id = d.record_id + 1)`,
    )
    .get(gunSerial) as { n: number | null };
  return r.n ?? 0;
}

export function maxRecordId(db: Db, gunSerial: string): number {
  const r = db.prepare('SELECT MAX(record_id) AS n FROM dose_records WHERE gun_serial = ?').get(gunSerial) as { n: number | null };
  return r.n ?? 0;
}

/** How many of the ids (after, through] of this gun are held (to tell whether a window is complete). */
export function heldInRange(db: Db, gunSerial: string, afterId: number, throughId: number): number {
  const r = db.prepare('SELECT COUNT(*) AS n FROM dose_records WHERE gun_serial = ? AND record_id > ? AND record_id <= ?').get(gunSerial, afterId, throughId) as { n: number };
  return r.n;
}

export function zoneTotals(db: Db, sessionId: number): ZoneTotal[] {
  return db
    .prepare(
      `SELECT zone, SUM(delivered_nl) AS deliveredNl, SUM(commanded_nl) AS commandedNl, COUNT(*) AS shots
       FROM dose_records WHERE session_id = ? GROUP BY zone ORDER BY zone`,
    )
    .all(sessionId) as ZoneTotal[];
}

export function zoneTotal(db: Db, sessionId: number, zone: Zone): number {
  const r = db.prepare('SELECT COALESCE(SUM(delivered_nl), 0) AS n FROM dose_records WHERE session_id = ? AND zone = ?').get(sessionId, zone) as { n: number };
  return r.n;
}

export function sessionTotal(db: Db, sessionId: number): { deliveredNl: number; shots: number } {
  return db.prepare('SELECT COALESCE(SUM(delivered_nl), 0) AS deliveredNl, COUNT(*) AS shots FROM dose_records WHERE session_id = ?').get(sessionId) as {
    deliveredNl: number;
    shots: number;
  };
}

export function listUnattributed(db: Db, limit: number, offset: number): UnattributedRecordView[] {
  return db
    .prepare(
      `SELECT id, gun_serial AS gunSerial, record_id AS recordId, delivered_nl AS deliveredNl, commanded_nl AS commandedNl,
              gun_started_at_ms AS startedAtMs, received_at_ms AS receivedAtMs, unattributed_reason AS reason
       FROM dose_records WHERE session_id IS NULL ORDER BY id DESC LIMIT ? OFFSET ?`,
    )
    .all(limit, offset) as UnattributedRecordView[];
}
