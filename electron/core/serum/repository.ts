// Rows in, views out: serum versions and lots.
import type { LotRecipient, LotStatus, LotView, SerumDefinition, SerumVersionView } from '../../contract/serum.js';
import type { Db } from '../storage/db.js';
import { authorshipView, insertVersionRow, type AuthorshipRow, type VersionAuthorship } from '../storage/versions.js';

interface VersionRow extends AuthorshipRow {
  id: number;
  serum_id: number;
  version: number;
  name: string;
  definition: string;
  example: number;
  approved_by_id: number | null;
  approved_by_name: string | null;
  approved_at: string | null;
  retired_reason: string | null;
  retired_at: string | null;
  retired_by_id: number | null;
  retired_by_name: string | null;
  draft_id: number | null;
  drafted_by_id: number | null;
  drafted_by_name: string | null;
  published_by_id: number | null;
  published_by_name: string | null;
  published_at: string | null;
  is_latest: number;
}

interface LotRow {
  id: number;
  serum_id: number;
  lot_number: string;
  expiry_date: string;
  recorded_by_id: number;
  recorded_by_name: string;
  recorded_at: string;
  quantity: number | null;
  supplier: string | null;
  status: LotStatus | null;
  status_reason: string | null;
  status_at: string | null;
  status_by_id: number | null;
  status_by_name: string | null;
}

const IS_LATEST = 'v.version = (SELECT MAX(version) FROM serum_versions WHERE serum_id = v.serum_id)';
const VERSION_SELECT = `SELECT v.*, s.example, a.approved_by_id, a.approved_by_name, a.approved_at,
    r.reason AS retired_reason, r.retired_at, r.retired_by_id, r.retired_by_name,
    d.id AS draft_id, d.drafted_by_id, d.drafted_by_name, d.closed_by_id AS published_by_id, d.closed_by_name AS published_by_name, d.closed_at AS published_at,
    (${IS_LATEST}) AS is_latest
  FROM serum_versions v JOIN serums s ON s.id = v.serum_id LEFT JOIN serum_approvals a ON a.serum_id = v.serum_id
  LEFT JOIN serum_retirements r ON r.serum_id = v.serum_id LEFT JOIN serum_drafts d ON d.published_version_id = v.id`;

function toView(r: VersionRow): SerumVersionView {
  const d = JSON.parse(r.definition) as Omit<SerumDefinition, 'name'>;
  return {
    ...d,
    // Versions written before serums had contraindications list none.
    contraindications: d.contraindications ?? [],
    name: r.name,
    versionId: r.id,
    serumId: r.serum_id,
    version: r.version,
    example: r.example === 1,
    approval: r.example === 1 && r.approved_at !== null ? { by: { userId: r.approved_by_id ?? 0, name: r.approved_by_name ?? '' }, at: r.approved_at } : null,
    ...authorshipView(r),
    publication:
      r.draft_id === null
        ? null
        : {
            draftId: r.draft_id,
            draftedBy: { userId: r.drafted_by_id ?? 0, name: r.drafted_by_name ?? '' },
            approvedBy: { userId: r.published_by_id ?? 0, name: r.published_by_name ?? '' },
            approvedAt: r.published_at ?? '',
          },
    retired: r.retired_at === null ? null : { at: r.retired_at, by: { userId: r.retired_by_id ?? 0, name: r.retired_by_name ?? '' }, reason: r.retired_reason ?? '' },
    latest: r.is_latest === 1,
  };
}

/** A version's definition alone (what a draft proposes and a diff compares). */
export function definitionOf(v: SerumVersionView): SerumDefinition {
  const { versionId: _v, serumId: _s, version: _n, example: _e, approval: _a, createdAt: _c, createdBy: _b, reason: _r, publication: _p, retired: _t, latest: _l, ...definition } = v;
  return definition;
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

/**
 * Another serum in use whose latest version already carries this name (names must tell serums apart;
 * a retired serum's name is free again).
 */
export function nameTaken(db: Db, name: string, exceptSerumId: number | null): boolean {
  return (
    db
      .prepare(`SELECT 1 FROM serum_versions v WHERE ${IS_LATEST} AND v.name = ? COLLATE NOCASE AND v.serum_id IS NOT ? AND v.serum_id NOT IN (SELECT serum_id FROM serum_retirements)`)
      .get(name, exceptSerumId) !== undefined
  );
}

export function insertSerum(db: Db, at: string): number {
  return Number(db.prepare('INSERT INTO serums (example, created_at) VALUES (0, ?)').run(at).lastInsertRowid);
}

export function insertVersion(db: Db, v: { serumId: number; version: number; definition: SerumDefinition } & VersionAuthorship): number {
  const { name, ...rest } = v.definition;
  return insertVersionRow(db, 'serum_versions', { serum_id: v.serumId, version: v.version, name, definition: JSON.stringify(rest) }, v);
}

const LOT_SELECT = `
  SELECT l.*, c.status, c.reason AS status_reason, c.changed_at AS status_at, c.changed_by_id AS status_by_id, c.changed_by_name AS status_by_name
  FROM serum_lots l
  LEFT JOIN serum_lot_status_changes c ON c.id = (SELECT MAX(id) FROM serum_lot_status_changes WHERE lot_id = l.id)`;

function lotView(r: LotRow, today: string): LotView {
  const status = r.status ?? 'released';
  const expired = r.expiry_date < today;
  return {
    id: r.id,
    serumId: r.serum_id,
    lotNumber: r.lot_number,
    expiryDate: r.expiry_date,
    expired,
    quantity: r.quantity,
    supplier: r.supplier,
    status,
    statusChange: r.status_at === null ? null : { at: r.status_at, by: { userId: r.status_by_id ?? 0, name: r.status_by_name ?? '' }, reason: r.status_reason ?? '' },
    usable: status === 'released' && !expired,
    recordedBy: { userId: r.recorded_by_id, name: r.recorded_by_name },
    recordedAt: r.recorded_at,
  };
}

export function lotsOf(db: Db, serumId: number, today: string, includeExpired: boolean): LotView[] {
  const rows = db
    .prepare(`${LOT_SELECT} WHERE l.serum_id = ? ${includeExpired ? '' : 'AND l.expiry_date >= ?'} ORDER BY l.expiry_date, l.id`)
    .all(...(includeExpired ? [serumId] : [serumId, today])) as LotRow[];
  return rows.map((r) => lotView(r, today));
}

export function lotById(db: Db, id: number, today: string): LotView | null {
  const r = db.prepare(`${LOT_SELECT} WHERE l.id = ?`).get(id) as LotRow | undefined;
  return r ? lotView(r, today) : null;
}

export function lotByNumber(db: Db, serumId: number, lotNumber: string, today: string): LotView | null {
  const r = db.prepare(`${LOT_SELECT} WHERE l.serum_id = ? AND l.lot_number = ? COLLATE NOCASE`).get(serumId, lotNumber) as LotRow | undefined;
  return r ? lotView(r, today) : null;
}

export function insertLot(db: Db, l: { serumId: number; lotNumber: string; expiryDate: string; quantity: number; supplier: string; byId: number; byName: string; at: string }): number {
  const r = db
    .prepare('INSERT INTO serum_lots (serum_id, lot_number, expiry_date, quantity, supplier, recorded_by_id, recorded_by_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(l.serumId, l.lotNumber, l.expiryDate, l.quantity, l.supplier, l.byId, l.byName, l.at);
  return Number(r.lastInsertRowid);
}

export function insertLotStatus(db: Db, c: { lotId: number; status: LotStatus; reason: string; byId: number; byName: string; at: string }): void {
  db.prepare('INSERT INTO serum_lot_status_changes (lot_id, status, reason, changed_by_id, changed_by_name, changed_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    c.lotId,
    c.status,
    c.reason,
    c.byId,
    c.byName,
    c.at,
  );
}

export function insertApproval(db: Db, a: { serumId: number; byId: number; byName: string; at: string }): void {
  db.prepare('INSERT INTO serum_approvals (serum_id, approved_by_id, approved_by_name, approved_at) VALUES (?, ?, ?, ?)').run(a.serumId, a.byId, a.byName, a.at);
}

/** Every patient who received a dose from the lot, with how to reach them: the recall list. */
export function lotRecipients(db: Db, lotId: number): LotRecipient[] {
  return db
    .prepare(
      `SELECT p.id AS patientId, p.full_name AS fullName, p.birth_date AS birthDate, p.clinic_id AS clinicId, p.phone, p.email,
              p.preferred_language AS preferredLanguage, COUNT(DISTINCT d.session_id) AS sessions, MAX(s.started_at) AS lastSessionAt,
              COUNT(*) AS shots, SUM(d.delivered_nl) AS deliveredNl
       FROM dose_records d JOIN clinical_sessions s ON s.id = d.session_id JOIN patients p ON p.id = s.patient_id
       WHERE d.lot_id = ?
       GROUP BY p.id ORDER BY p.full_name COLLATE NOCASE, p.id`,
    )
    .all(lotId) as LotRecipient[];
}
