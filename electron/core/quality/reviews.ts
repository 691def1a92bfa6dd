// The review queue (contract/review.ts): lists the derived items (reviewItems.ts), counts the open
// ones for the admin home, records an admin's signed disposition, and assigns an unattributed dose to
// a session and zone with a reason and a signature. Each signs with the admin's own password at the
// moment of signing; a review and an attribution are each a row of their own with its audit row in
// the same transaction; the dose record is never touched.
import type { z } from 'zod';
import { REVIEW_ITEM_KINDS, reviewAssignInput, reviewCandidatesInput, reviewListInput, reviewSignInput } from '../../contract/review.js';
import type { AssignCandidate, ReviewCounts, ReviewItemKind, ReviewItemView, ReviewPage } from '../../contract/review.js';
import { ZONES } from '../../contract/sessions.js';
import type { Actor } from '../access/actor.js';
import { atomically } from '../audit/atomically.js';
import type { Clock } from '../clock.js';
import { refused, notFound } from '../errors.js';
import { Conditions } from '../sessions/filter.js';
import type { AuditPort } from '../audit/port.js';
import { nowIso } from '../patients/dates.js';
import type { SignerPort } from '../patients/signers.js';
import { parseInput, requireAdmin } from '../serviceChecks.js';
import type { Db } from '../storage/db.js';
import { findItem, itemIdOf, itemViews, ITEMS_SQL, parseItemId, type ItemRow } from './reviewItems.js';

/** How far back from an unattributed dose a session may have started to be offered for it. */
const CANDIDATE_WINDOW_MS = 24 * 3_600_000;

export class ReviewQueue {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditPort,
    private readonly clock: Clock,
    private readonly signers: Pick<SignerPort, 'verify'>,
  ) {}

  list(actorOrNull: Actor | null, input: z.input<typeof reviewListInput>): ReviewPage {
    requireAdmin(actorOrNull);
    const q = parseInput(reviewListInput, input);
    const c = new Conditions();
    if (q.status === 'new') c.add('r.id IS NULL');
    if (q.status === 'reviewed') c.add('r.id IS NOT NULL');
    if (q.kinds) c.add('i.kind IN (SELECT value FROM json_each(@kinds))', { kinds: JSON.stringify(q.kinds) });
    c.days('i.at', q);
    const where = c.sql('');
    const params = c.params;
    const body = `FROM (${ITEMS_SQL}) i LEFT JOIN quality_reviews r ON r.source = i.source AND r.source_id = i.source_id ${where ? `WHERE ${where}` : ''}`;
    const rows = this.db.prepare(`SELECT i.* ${body} ORDER BY i.at DESC, i.source, i.source_id DESC LIMIT @limit OFFSET @offset`).all({ ...params, limit: q.limit, offset: q.offset }) as ItemRow[];
    const total = (this.db.prepare(`SELECT count(*) AS n ${body}`).get(params) as { n: number }).n;
    return { items: itemViews(this.db, rows), total };
  }

  /** Items not yet reviewed, by kind (the admin home). */
  counts(actorOrNull: Actor | null): ReviewCounts {
    requireAdmin(actorOrNull);
    const rows = this.db
      .prepare(`SELECT i.kind, count(*) AS n FROM (${ITEMS_SQL}) i WHERE NOT EXISTS (SELECT 1 FROM quality_reviews r WHERE r.source = i.source AND r.source_id = i.source_id) GROUP BY i.kind`)
      .all() as { kind: ReviewItemKind; n: number }[];
    const byKind = Object.fromEntries(REVIEW_ITEM_KINDS.map((k) => [k, 0])) as Record<ReviewItemKind, number>;
    for (const r of rows) byKind[r.kind] = r.n;
    return { open: rows.reduce((a, r) => a + r.n, 0), byKind };
  }

  item(itemId: string): ReviewItemView {
    const row = findItem(this.db, itemId);
    if (!row) throw refused('not-found', { code: 'review.no-item', params: { itemId } }, `itemId: there is no review item ${itemId}`, 'itemId');
    return itemViews(this.db, [row])[0]!;
  }

  /** An admin's disposition of an item, signed with their password (meaning "reviewed"); final. */
  async sign(actorOrNull: Actor | null, input: z.input<typeof reviewSignInput>): Promise<ReviewItemView> {
    const actor = requireAdmin(actorOrNull);
    const s = parseInput(reviewSignInput, input);
    this.requireOpen(s.itemId);
    await this.signers.verify(actor, s.password, 'reviewed');
    return atomically(this.db, () => {
      // Checked again after the password: another admin may have signed meanwhile.
      const item = this.requireOpen(s.itemId);
      const { source, sourceId } = parseItemId(s.itemId);
      const at = nowIso(this.clock);
      this.db
        .prepare('INSERT INTO quality_reviews (source, source_id, kind, disposition, comment, reviewed_at, reviewed_by_id, reviewed_by_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(source, sourceId, item.kind, s.disposition, s.comment, at, actor.userId, actor.displayName);
      this.audit.append({
        actor,
        action: 'review.sign',
        entity: 'review_item',
        entityId: s.itemId,
        oldValue: { status: 'new' },
        newValue: { status: 'reviewed', kind: item.kind, sessionId: item.session_id, disposition: s.disposition, meaning: 'reviewed', signedBy: actor.displayName },
        reason: s.comment,
      });
      return this.item(s.itemId);
    });
  }

  /** Sessions an unattributed dose could belong to: the same gun, started in the day before it arrived. */
  candidates(actorOrNull: Actor | null, input: z.input<typeof reviewCandidatesInput>): AssignCandidate[] {
    requireAdmin(actorOrNull);
    const { doseRecordId } = parseInput(reviewCandidatesInput, input);
    const dose = this.unattributedDose(doseRecordId);
    const rows = this.db
      .prepare(
        `SELECT s.id, s.started_at, s.ended_at, s.status, s.clinician_display_name, p.full_name,
                (SELECT json_group_array(z.zone) FROM quality_zones z WHERE z.session_id = s.id AND z.shots > 0) AS zones
         FROM clinical_sessions s LEFT JOIN patients p ON p.id = s.patient_id
         WHERE s.started_at <= @at AND s.started_at >= @since
           AND (s.gun_serial = @gun OR EXISTS (SELECT 1 FROM dose_records d WHERE d.session_id = s.id AND +d.gun_serial = @gun))
         ORDER BY s.started_at DESC LIMIT 10`,
      )
      .all({ at: dose.received_at_ms, since: dose.received_at_ms - CANDIDATE_WINDOW_MS, gun: dose.gun_serial }) as {
      id: number;
      started_at: number;
      ended_at: number | null;
      status: AssignCandidate['status'];
      clinician_display_name: string;
      full_name: string | null;
      zones: string;
    }[];
    return rows.map((r) => {
      const zones = JSON.parse(r.zones) as string[];
      return {
        sessionId: r.id,
        startedAt: r.started_at,
        endedAt: r.ended_at,
        status: r.status,
        clinicianName: r.clinician_display_name,
        patientName: r.full_name,
        zones: ZONES.filter((z) => zones.includes(z)),
      };
    });
  }

  /**
   * Assigns an unattributed dose to a session and zone: the dose came from the session's gun and
   * reached the station after the session started; a reason and the admin's signature (meaning
   * "attributed") are required. A new row, audited; the ledger's record stays as it arrived.
   */
  async assignDose(actorOrNull: Actor | null, input: z.input<typeof reviewAssignInput>): Promise<ReviewItemView> {
    const actor = requireAdmin(actorOrNull);
    const a = parseInput(reviewAssignInput, input);
    this.checkAssignment(a.doseRecordId, a.sessionId);
    await this.signers.verify(actor, a.password, 'attributed');
    return atomically(this.db, () => {
      const dose = this.checkAssignment(a.doseRecordId, a.sessionId);
      const at = nowIso(this.clock);
      this.db
        .prepare('INSERT INTO dose_attributions (dose_record_id, session_id, zone, reason, assigned_at, assigned_by_id, assigned_by_name) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(a.doseRecordId, a.sessionId, a.zone, a.reason, at, actor.userId, actor.displayName);
      this.audit.append({
        actor,
        action: 'dose.assign',
        entity: 'dose_record',
        entityId: a.doseRecordId,
        oldValue: { sessionId: null, zone: null },
        newValue: { sessionId: a.sessionId, zone: a.zone, gunSerial: dose.gun_serial, recordId: dose.record_id, deliveredNl: dose.delivered_nl, meaning: 'attributed', signedBy: actor.displayName },
        reason: a.reason,
      });
      return this.item(itemIdOf({ source: 'dose_record', source_id: a.doseRecordId }));
    });
  }

  private requireOpen(itemId: string): ItemRow {
    const item = findItem(this.db, itemId);
    if (!item) throw refused('not-found', { code: 'review.no-item', params: { itemId } }, `itemId: there is no review item ${itemId}`, 'itemId');
    const done = this.db.prepare('SELECT reviewed_by_name, reviewed_at FROM quality_reviews WHERE source = ? AND source_id = ?').get(item.source, item.source_id) as
      | { reviewed_by_name: string; reviewed_at: string }
      | undefined;
    if (done)
      throw refused('conflict', { code: 'review.already-reviewed', params: { itemId, by: done.reviewed_by_name, at: done.reviewed_at } }, `item ${itemId} was reviewed by ${done.reviewed_by_name} on ${done.reviewed_at}; a review is final`);
    return item;
  }

  private unattributedDose(id: number): { id: number; gun_serial: string; record_id: number; delivered_nl: number; received_at_ms: number } {
    const d = this.db.prepare('SELECT id, session_id, gun_serial, record_id, delivered_nl, received_at_ms FROM dose_records WHERE id = ?').get(id) as
      | { id: number; session_id: number | null; gun_serial: string; record_id: number; delivered_nl: number; received_at_ms: number }
      | undefined;
    if (!d) throw notFound('dose-record', id, 'doseRecordId');
    if (d.session_id !== null)
      throw refused('conflict', { code: 'attribution.already-in-session', params: { doseRecordId: id, sessionId: d.session_id } }, `doseRecordId: dose record ${id} already belongs to session ${d.session_id}`, 'doseRecordId');
    return d;
  }

  private checkAssignment(doseRecordId: number, sessionId: number) {
    const dose = this.unattributedDose(doseRecordId);
    const done = this.db.prepare('SELECT session_id, assigned_by_name FROM dose_attributions WHERE dose_record_id = ?').get(doseRecordId) as { session_id: number; assigned_by_name: string } | undefined;
    if (done)
      throw refused('conflict', { code: 'attribution.already-assigned', params: { doseRecordId, sessionId: done.session_id, by: done.assigned_by_name } }, `dose record ${doseRecordId} was already assigned to session ${done.session_id}`, 'doseRecordId');
    const s = this.db.prepare('SELECT id, started_at, gun_serial FROM clinical_sessions WHERE id = ?').get(sessionId) as { id: number; started_at: number; gun_serial: string | null } | undefined;
    if (!s) throw notFound('session', sessionId, 'sessionId');
    const usedGun = s.gun_serial === dose.gun_serial || this.db.prepare('SELECT 1 FROM dose_records WHERE session_id = ? AND +gun_serial = ? LIMIT 1').get(sessionId, dose.gun_serial) !== undefined;
    if (!usedGun)
      throw refused('blocked', { code: 'attribution.other-gun', params: { doseRecordId, sessionId, gunSerial: dose.gun_serial } }, `sessionId: session ${sessionId} did not use gun ${dose.gun_serial}, which fired this dose`, 'sessionId');
    if (dose.received_at_ms < s.started_at)
      throw refused('blocked', { code: 'attribution.before-session', params: { doseRecordId, sessionId } }, `sessionId: the dose reached the station before session ${sessionId} started`, 'sessionId');
    return dose;
  }
}
