// Rows in, views out: serum versions and lots.
import type { LotView, SerumDefinition, SerumVersionView } from '../../contract/serum.js';
import type { Db } from '../storage/db.js';

interface VersionRow {
  id: number;
  serum_id: number;
  version: number;
  name: string;
  definition: string;
  created_at: string;
  created_by_id: number | null;
  created_by_name: string | null;
  reason: string | null;
  example: number;
}

interface LotRow {
  id: number;
  serum_id: number;
  lot_number: string;
  expiry_date: string;
  recorded_by_id: number;
  recorded_by_name: string;
  recorded_at: string;
}

const VERSION_SELECT = 'SELECT v.*, s.example FROM serum_versions v JOIN serums s ON s.id = v.serum_id';
const IS_LATEST = 'v.version = (SELECT MAX(version) FROM serum_versions WHERE serum_id = v.serum_id)';

function toView(r: VersionRow): SerumVersionView {
  const d = JSON.parse(r.definition) as Omit<SerumDefinition, 'name'>;
  return {
    ...d,
    name: r.name,
    versionId: r.id,
    serumId: r.serum_id,
    version: r.version,
    example: r.example === 1,
    createdAt: r.created_at,
    createdBy: r.created_by_id === null ? null : { userId: r.created_by_id, name: r.created_by_name ?? '' },
    reason: r.reason,
  };
}

export function latestVersions(db: Db): SerumVersionView[] {
  return (db.prepare(`${VERSION_SELECT} WHERE ${IS_LATEST} ORDER BY v.name COLLATE NOCASE, v.serum_id`).all() as VersionRow[]).map(toView);
}

export function versionsOf(db: Db, serumId: number): SerumVersionView[] {
  return (db.prepare(`${VERSION_SELECT} WHERE v.serum_id = ? ORDER BY v.version DESC`).all(serumId) as VersionRow[]).map(toView);
}

export function versionById(db: Db, versionId: number): SerumVersionView | null {
  const r = db.prepare(`${VERSION_SELECT} WHERE v.id = ?`).get(versionId) as VersionRow | undefined;
  return r ? toView(r) : null;
}

/** Another serum whose latest version already carries this name (names must tell serums apart). */
export function nameTaken(db: Db, name: string, exceptSerumId: number | null): boolean {
  return db.prepare(`SELECT 1 FROM serum_versions v WHERE ${IS_LATEST} AND v.name = ? COLLATE NOCASE AND v.serum_id IS NOT ?`).get(name, exceptSerumId) !== undefined;
}

export function insertSerum(db: Db, at: string): number {
  return Number(db.prepare('INSERT INTO serums (example, created_at) VALUES (0, ?)').run(at).lastInsertRowid);
}

export function insertVersion(db: Db, v: { serumId: number; version: number; definition: SerumDefinition; at: string; byId: number; byName: string; reason: string | null }): number {
  const { name, ...rest } = v.definition;
  const r = db
    .prepare('INSERT INTO serum_versions (serum_id, version, name, definition, created_at, created_by_id, created_by_name, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(v.serumId, v.version, name, JSON.stringify(rest), v.at, v.byId, v.byName, v.reason);
  return Number(r.lastInsertRowid);
}

function lotView(r: LotRow, today: string): LotView {
  return {
    id: r.id,
    serumId: r.serum_id,
    lotNumber: r.lot_number,
    expiryDate: r.expiry_date,
    expired: r.expiry_date < today,
    recordedBy: { userId: r.recorded_by_id, name: r.recorded_by_name },
    recordedAt: r.recorded_at,
  };
}

export function lotsOf(db: Db, serumId: number, today: string, includeExpired: boolean): LotView[] {
  const rows = db
    .prepare(`SELECT * FROM serum_lots WHERE serum_id = ? ${includeExpired ? '' : 'AND expiry_date >= ?'} ORDER BY expiry_date, id`)
    .all(...(includeExpired ? [serumId] : [serumId, today])) as LotRow[];
  return rows.map((r) => lotView(r, today));
}

export function lotById(db: Db, id: number, today: string): LotView | null {
  const r = db.prepare('SELECT * FROM serum_lots WHERE id = ?').get(id) as LotRow | undefined;
  return r ? lotView(r, today) : null;
}

export function lotByNumber(db: Db, serumId: number, lotNumber: string, today: string): LotView | null {
  const r = db.prepare('SELECT * FROM serum_lots WHERE serum_id = ? AND lot_number = ? COLLATE NOCASE').get(serumId, lotNumber) as LotRow | undefined;
  return r ? lotView(r, today) : null;
}

export function insertLot(db: Db, l: { serumId: number; lotNumber: string; expiryDate: string; byId: number; byName: string; at: string }): number {
  const r = db
    .prepare('INSERT INTO serum_lots (serum_id, lot_number, expiry_date, recorded_by_id, recorded_by_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(l.serumId, l.lotNumber, l.expiryDate, l.byId, l.byName, l.at);
  return Number(r.lastInsertRowid);
}
