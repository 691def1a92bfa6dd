// The review queue through the contract: every planted near miss, hard stop, skipped or shortened
// thermotherapy, interruption and unattributed dose is an item; a review needs a disposition, a
// comment and the reviewer's signature, and is final; an unattributed dose is assigned to a session
// and zone only with a reason and a signature, as a row of its own, never by editing the ledger.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../../electron/contract/audit.js';
import type { QualityDrill } from '../../../electron/contract/quality.js';
import type { AssignCandidate, ReviewCounts, ReviewItemKind, ReviewItemView, ReviewPage } from '../../../electron/contract/review.js';
import type { ConnectionContext } from '../../../electron/core/access/connection.js';
import { generateClinic, type ClinicSummary, type PlannedEvent } from '../../support/syntheticClinic.js';
import { ADMIN, count, makeHarness, withUsers, type Harness } from './access.fixture.js';

let h: Harness;
let admin: ConnectionContext;
let clinician: ConnectionContext;
let clinic: ClinicSummary;

beforeEach(async () => {
  h = makeHarness();
  ({ admin, clinician } = await withUsers(h));
  // 160 sessions of 14 shots over 40 days from 6 January 2025, 5 unattributed doses.
  clinic = generateClinic(h.station.db, { rooms: 1, sessionsPerRoomPerDay: 4, days: 40, shotsPerSession: 14, unattributedShots: 5, seed: 3, startDate: '2025-01-06', quality: true });
});
afterEach(() => h.close());

const kindOf = (e: PlannedEvent): ReviewItemKind | null =>
  e.metric === 'near_miss' || e.metric === 'hard_stop' || e.metric === 'interruption'
    ? e.metric
    : e.metric === 'unattributed'
      ? 'unattributed_dose'
      : e.metric === 'thermo_cut'
        ? e.reason?.use === 'skip'
          ? 'thermo_skipped'
          : 'thermo_shortened'
        : null;

const list = (input: object = {}) => h.call(admin, 'review.list', input) as Promise<ReviewPage>;
const counts = () => h.call(admin, 'review.counts', {}) as Promise<ReviewCounts>;
const planted = (kind: ReviewItemKind) => clinic.plan.events.filter((e) => kindOf(e) === kind);

describe('the queue', () => {
  it('holds every planted item, newest first, with counts by kind for the admin home', async () => {
    const c = await counts();
    for (const kind of ['near_miss', 'hard_stop', 'thermo_skipped', 'thermo_shortened', 'interruption', 'unattributed_dose'] as const) expect(c.byKind[kind], kind).toBe(planted(kind).length);
    expect(c.open).toBe(clinic.plan.events.filter((e) => kindOf(e) !== null).length);
    expect(c.byKind.hard_stop).toBe(3); // every 97th session-wide and every 61st at a zone, of 160
    const all = await list({ limit: 200 });
    expect(all.total).toBe(c.open);
    expect(all.items.map((i) => i.at)).toEqual([...all.items.map((i) => i.at)].sort((a, b) => b - a));
    expect(new Set(all.items.map((i) => i.itemId)).size).toBe(all.items.length);
    const paged = [...(await list({ limit: 7 })).items, ...(await list({ limit: 200, offset: 7 })).items];
    expect(paged.map((i) => i.itemId)).toEqual(all.items.map((i) => i.itemId));
  });

  it('says what happened as codes with parameters, with who and the reason recorded', async () => {
    const stops = (await list({ kinds: ['hard_stop'] })).items;
    expect(stops).toHaveLength(3);
    const zoneStop = stops.find((s) => s.what.params?.scope === 'zone')!;
    expect(zoneStop).toMatchObject({ kind: 'hard_stop', status: 'new', review: null, what: { code: 'review.hard-stop', params: { scope: 'zone', totalNl: 1_500_000, limitNl: 1_500_000 } } });
    expect(zoneStop.patient?.name).toBeTruthy();
    expect(zoneStop.clinician?.name).toMatch(/^Dr\. /);
    const skipped = (await list({ kinds: ['thermo_skipped'] })).items;
    expect(skipped.map((s) => s.reasonCode).sort()).toEqual(planted('thermo_skipped').map((e) => e.reason!.code).sort());
    expect(skipped.every((s) => s.approvedBy === 'supervisor' && s.what.code === 'review.thermo-skipped')).toBe(true);
    const short = (await list({ kinds: ['thermo_shortened'] })).items[0]!;
    expect(short.what).toEqual({ code: 'review.thermo-shortened', params: { stage: 'massage', givenSeconds: 200, plannedSeconds: 300 } });
    const dose = (await list({ kinds: ['unattributed_dose'] })).items[0]!;
    expect(dose).toMatchObject({ sessionId: null, patient: null, recordedReason: 'no session armed', what: { code: 'review.unattributed', params: { deliveredNl: 19_800 } } });
    const interruption = (await list({ kinds: ['interruption'] })).items[0]!;
    expect(interruption.what).toMatchObject({ code: 'review.interruption', params: { recovered: 0 } });
  });

  it('filters by the days the events happened', async () => {
    const jan = await list({ fromDate: '2025-01-06', toDate: '2025-01-31', limit: 200 });
    const end = new Date(2025, 1, 1).getTime();
    expect(jan.total).toBe(clinic.plan.events.filter((e) => kindOf(e) !== null && e.at < end).length);
    expect(jan.items.every((i) => i.at < end)).toBe(true);
  });

  it('is the admins’', async () => {
    expect((await h.fail(clinician, 'review.list', {})).code).toBe('forbidden');
    expect((await h.fail(clinician, 'review.sign', { itemId: 'limit_event:1', disposition: 'no-action', comment: 'x', password: 'x' })).code).toBe('forbidden');
  });
});

describe('a review', () => {
  it('is refused without a signature, or with a wrong one, and then nothing is written', async () => {
    const item = (await list({ kinds: ['hard_stop'] })).items[0]!;
    const missing = await h.fail(admin, 'review.sign', { itemId: item.itemId, disposition: 'device-service', comment: 'checked the gun' });
    expect([missing.code, missing.field]).toEqual(['validation', 'password']);
    const empty = await h.fail(admin, 'review.sign', { itemId: item.itemId, disposition: 'device-service', comment: 'checked the gun', password: '' });
    expect([empty.code, empty.field]).toEqual(['validation', 'password']);
    expect((await h.fail(admin, 'review.sign', { itemId: item.itemId, disposition: 'device-service', comment: 'checked the gun', password: 'not the password' })).code).toBe('unauthenticated');
    expect((await h.fail(admin, 'review.sign', { itemId: item.itemId, disposition: 'device-service', comment: ' ', password: ADMIN.password })).field).toBe('comment');
    expect(count(h, 'quality_reviews')).toBe(0);
    expect(h.station.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'review.sign'").raw().get()).toEqual([0]);
  });

  it('signed, moves the item from new to reviewed, once; audited and reconciled', async () => {
    const before = await counts();
    const item = (await list({ kinds: ['hard_stop'] })).items[0]!;
    const done = (await h.call(admin, 'review.sign', { itemId: item.itemId, disposition: 'library-change', comment: 'zone cap too low for the crown', password: ADMIN.password })) as ReviewItemView;
    expect(done).toMatchObject({ itemId: item.itemId, status: 'reviewed', review: { disposition: 'library-change', comment: 'zone cap too low for the crown', by: { name: 'Alice Admin' } } });
    expect((await counts()).byKind.hard_stop).toBe(before.byKind.hard_stop - 1);
    expect((await list({ status: 'reviewed' })).items.map((i) => i.itemId)).toEqual([item.itemId]);
    expect((await list({ kinds: ['hard_stop'] })).items.map((i) => i.itemId)).not.toContain(item.itemId);
    const again = await h.fail(admin, 'review.sign', { itemId: item.itemId, disposition: 'no-action', comment: 'again', password: ADMIN.password });
    expect(again.reason).toMatchObject({ code: 'review.already-reviewed', params: { itemId: item.itemId, by: 'Alice Admin' } });
    const audit = h.station.db.prepare("SELECT entity, entity_id, new_value, reason FROM audit_log WHERE action = 'review.sign'").all() as { entity: string; entity_id: string; new_value: string; reason: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity: 'review_item', entity_id: item.itemId, reason: 'zone cap too low for the crown' });
    expect(JSON.parse(audit[0]!.new_value)).toMatchObject({ status: 'reviewed', disposition: 'library-change', meaning: 'reviewed' });
    // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
    expect(() => h.station.db.prepare("UPDATE quality_reviews SET comment = 'x'").run()).toThrow(/never edited/);
    expect(() => h.station.db.prepare('DELETE FROM quality_reviews').run()).toThrow(/never deleted/);

    const reviewProblems = async () => ((await h.call(admin, 'audit.verify', {})) as AuditVerification).problems.filter((p) => p.params && 'itemId' in p.params);
    expect(await reviewProblems()).toEqual([]);
    // A review slipped in behind the program's back has no audit row: verify names it.
    const other = (await list({ kinds: ['near_miss'] })).items[0]!;
    const [source, id] = other.itemId.split(':');
    h.station.db.prepare("INSERT INTO quality_reviews (source, source_id, kind, disposition, comment, reviewed_at, reviewed_by_id, reviewed_by_name) VALUES (?, ?, 'near_miss', 'no-action', 'forged', 'now', 1, 'Alice Admin')").run(source, Number(id));
    expect((await reviewProblems()).map((p) => [p.code, p.params?.itemId])).toEqual([['signature-unaudited', other.itemId]]);
  });

  it('refuses an item that is not one', async () => {
    const soft = h.station.db.prepare("SELECT id FROM limit_events WHERE kind = 'soft_ack' LIMIT 1").get() as { id: number };
    expect((await h.fail(admin, 'review.sign', { itemId: `limit_event:${soft.id}`, disposition: 'no-action', comment: 'x', password: ADMIN.password })).reason?.code).toBe('review.no-item');
    expect((await h.fail(admin, 'review.sign', { itemId: 'limit_events:1', disposition: 'no-action', comment: 'x', password: ADMIN.password })).field).toBe('itemId');
  });
});

describe('assigning an unattributed dose', () => {
  const ledgerRow = (id: number) => h.station.db.prepare('SELECT * FROM dose_records WHERE id = ?').raw().get(id);

  it('takes a session of the same gun, a zone, a reason and a signature; the ledger row stays as it arrived', async () => {
    const item = (await list({ kinds: ['unattributed_dose'] })).items.at(-1)!;
    const doseId = Number(item.itemId.split(':')[1]);
    const before = ledgerRow(doseId);
    const candidates = (await h.call(admin, 'review.assignCandidates', { doseRecordId: doseId })) as AssignCandidate[];
    expect(candidates.length).toBeGreaterThan(0);
    const target = candidates[0]!;
    expect(target.zones).toEqual(['frontal', 'mid_scalp', 'vertex', 'temporal_left', 'temporal_right', 'parietal_left', 'parietal_right']);
    const input = { doseRecordId: doseId, sessionId: target.sessionId, zone: 'vertex', reason: 'fired while the clinician re-armed the crown', password: ADMIN.password };

    expect((await h.fail(admin, 'review.assignDose', { ...input, reason: '' })).field).toBe('reason');
    expect((await h.fail(admin, 'review.assignDose', { ...input, password: undefined })).field).toBe('password');
    expect((await h.fail(admin, 'review.assignDose', { ...input, password: 'wrong' })).code).toBe('unauthenticated');
    const later = h.station.db.prepare('SELECT id FROM clinical_sessions WHERE started_at > (SELECT received_at_ms FROM dose_records WHERE id = ?) ORDER BY started_at LIMIT 1').get(doseId) as { id: number } | undefined;
    expect(later).toBeDefined();
    expect((await h.fail(admin, 'review.assignDose', { ...input, sessionId: later!.id })).reason?.code).toBe('attribution.before-session');
    expect(count(h, 'dose_attributions')).toBe(0);

    const done = (await h.call(admin, 'review.assignDose', input)) as ReviewItemView;
    expect(done.assignment).toMatchObject({ sessionId: target.sessionId, zone: 'vertex', reason: input.reason, by: { name: 'Alice Admin' } });
    expect(done.status).toBe('new'); // assigning is not reviewing: the item still awaits its disposition
    expect(ledgerRow(doseId)).toEqual(before);
    const audit = h.station.db.prepare("SELECT entity_id, new_value, reason FROM audit_log WHERE action = 'dose.assign'").all() as { entity_id: string; new_value: string; reason: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.new_value)).toMatchObject({ sessionId: target.sessionId, zone: 'vertex', meaning: 'attributed' });
    expect((await h.fail(admin, 'review.assignDose', input)).reason?.code).toBe('attribution.already-assigned');
    expect(() => h.station.db.prepare('UPDATE dose_attributions SET zone = ?').run('frontal')).toThrow(/never edited/);
    const drill = (await h.call(admin, 'quality.drill', { metric: 'unattributed', dimension: 'clinician', key: null, fromDate: '2025-01-06', toDate: '2025-02-14' })) as QualityDrill;
    expect(drill.records.find((r) => r.doseRecordId === doseId)?.assignment).toEqual({ sessionId: target.sessionId, zone: 'vertex' });
  });

  it('refuses a session of another gun, and a dose that belongs to a session', async () => {
    const item = (await list({ kinds: ['unattributed_dose'] })).items[0]!;
    const doseId = Number(item.itemId.split(':')[1]);
    const session = (await h.call(admin, 'review.assignCandidates', { doseRecordId: doseId })) as AssignCandidate[];
    // A second gun's session in the same hour.
    const s = h.station.db.prepare('SELECT * FROM clinical_sessions WHERE id = ?').get(session[0]!.sessionId) as Record<string, unknown>;
    const other = Number(
      h.station.db
        .prepare(
          `INSERT INTO clinical_sessions (patient_id, clinician_user_id, clinician_username, clinician_display_name, status, phase, step, started_at, updated_at, ended_at, gun_serial, machine_version, snapshot)
           VALUES (?, ?, ?, ?, 'signed', 'signed', 'signed', ?, ?, ?, 'MG-OTHER-9', ?, ?)`,
        )
        .run(s.patient_id, s.clinician_user_id, s.clinician_username, s.clinician_display_name, s.started_at, s.updated_at, s.ended_at, s.machine_version, s.snapshot).lastInsertRowid,
    );
    expect((await h.fail(admin, 'review.assignDose', { doseRecordId: doseId, sessionId: other, zone: 'vertex', reason: 'x', password: ADMIN.password })).reason?.code).toBe('attribution.other-gun');
    const inSession = h.station.db.prepare('SELECT id FROM dose_records WHERE session_id IS NOT NULL LIMIT 1').get() as { id: number };
    expect((await h.fail(admin, 'review.assignDose', { doseRecordId: inSession.id, sessionId: session[0]!.sessionId, zone: 'vertex', reason: 'x', password: ADMIN.password })).reason?.code).toBe(
      'attribution.already-in-session',
    );
    expect(() =>
      h.station.db.prepare("INSERT INTO dose_attributions (dose_record_id, session_id, zone, reason, assigned_at, assigned_by_id, assigned_by_name) VALUES (?, 1, 'vertex', 'x', 'now', 1, 'A')").run(inSession.id),
    ).toThrow(/belongs to no session/);
    expect(count(h, 'dose_attributions')).toBe(0);
  });
});
