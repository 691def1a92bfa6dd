// Rows in, views out: serum drafts (migration 220) and retirements.
import type { SerumDefinition, SerumDraftView } from '../../contract/serum.js';
import type { RecordedBy } from '../../contract/patients.js';
import type { Db } from '../storage/db.js';

export interface DraftRow {
  id: number;
  serum_id: number | null;
  base_version: number | null;
  name: string;
  definition: string;
  reason: string | null;
  drafted_at: string;
  drafted_by_id: number;
  drafted_by_name: string;
  outcome: 'published' | 'withdrawn' | null;
  closed_at: string | null;
  closed_by_id: number | null;
  closed_by_name: string | null;
  close_reason: string | null;
  published_version_id: number | null;
}

/** A draft as stored: the view without what it changes and whether it is outdated (worked out against the library when shown). */
export type Draft = Omit<SerumDraftView, 'changes' | 'outdated'>;

function toDraft(r: DraftRow): Draft {
  return {
    id: r.id,
    serumId: r.serum_id,
    baseVersion: r.base_version,
    definition: { ...(JSON.parse(r.definition) as Omit<SerumDefinition, 'name'>), name: r.name },
    reason: r.reason,
    draftedBy: { userId: r.drafted_by_id, name: r.drafted_by_name },
    draftedAt: r.drafted_at,
    state: r.outcome ?? 'open',
    closed: r.closed_at === null ? null : { by: { userId: r.closed_by_id ?? 0, name: r.closed_by_name ?? '' }, at: r.closed_at, reason: r.close_reason },
    publishedVersionId: r.published_version_id,
  };
}

export function draftById(db: Db, id: number): Draft | null {
  const r = db.prepare('SELECT * FROM serum_drafts WHERE id = ?').get(id) as DraftRow | undefined;
  return r ? toDraft(r) : null;
}

export function listDrafts(db: Db, openOnly: boolean): Draft[] {
  return (db.prepare(`SELECT * FROM serum_drafts ${openOnly ? 'WHERE outcome IS NULL' : ''} ORDER BY outcome IS NOT NULL, id DESC`).all() as DraftRow[]).map(toDraft);
}

/** The open draft of a serum, if any (at most one: migration 220's unique index). */
export function openDraftOf(db: Db, serumId: number): Draft | null {
  const r = db.prepare('SELECT * FROM serum_drafts WHERE serum_id = ? AND outcome IS NULL').get(serumId) as DraftRow | undefined;
  return r ? toDraft(r) : null;
}

/** An open draft of a new serum with this name (two new serums may not race for one name). */
export function openNewDraftNamed(db: Db, name: string): Draft | null {
  const r = db.prepare('SELECT * FROM serum_drafts WHERE serum_id IS NULL AND outcome IS NULL AND name = ? COLLATE NOCASE').get(name) as DraftRow | undefined;
  return r ? toDraft(r) : null;
}

export function insertDraft(
  db: Db,
  d: { serumId: number | null; baseVersion: number | null; definition: SerumDefinition; reason: string | null; at: string; by: RecordedBy },
): number {
  const { name, ...rest } = d.definition;
  return Number(
    db
      .prepare('INSERT INTO serum_drafts (serum_id, base_version, name, definition, reason, drafted_at, drafted_by_id, drafted_by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(d.serumId, d.baseVersion, name, JSON.stringify(rest), d.reason, d.at, d.by.userId, d.by.name).lastInsertRowid,
  );
}

export function closeDraft(db: Db, c: { id: number; outcome: 'published' | 'withdrawn'; at: string; by: RecordedBy; reason: string | null; publishedVersionId: number | null }): void {
  db.prepare('UPDATE serum_drafts SET outcome = ?, closed_at = ?, closed_by_id = ?, closed_by_name = ?, close_reason = ?, published_version_id = ? WHERE id = ? AND outcome IS NULL').run(
    c.outcome,
    c.at,
    c.by.userId,
    c.by.name,
    c.reason,
    c.publishedVersionId,
    c.id,
  );
}

export function insertRetirement(db: Db, r: { serumId: number; reason: string; at: string; by: RecordedBy }): void {
  db.prepare('INSERT INTO serum_retirements (serum_id, reason, retired_at, retired_by_id, retired_by_name) VALUES (?, ?, ?, ?, ?)').run(r.serumId, r.reason, r.at, r.by.userId, r.by.name);
}
