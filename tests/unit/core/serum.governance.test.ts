// Two-person governance of the serum library, through the contract as the screens call it: every
// change is a draft; a second admin approves and publishes it with an e-signature, never the one who
// drafted it; the diff names what changes; a retired serum (and a replaced version) is refused when a
// session loads it, while a session that loaded a version keeps its limits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTRACT } from '../../../electron/contract/index.js';
import type { SerumDraftView, SerumVersionView } from '../../../electron/contract/serum.js';
import type { SerumChange } from '../../../electron/contract/serumDiff.js';
import type { ConnectionContext } from '../../../electron/core/access/connection.js';
import { serumPortFrom } from '../../../electron/core/sessions/wiring.js';
import { ADMIN, count, makeHarness, withUsers, type Harness } from './access.fixture.js';

const SECOND = { username: 'bob', displayName: 'Bob Second-Admin', password: 'second admin pass 42' };

const SERUM = {
  name: 'Governed blend',
  components: ['Biotin', 'Lidocaine'],
  allergens: ['lidocaine'],
  contraindications: ['pregnancy'],
  notes: '',
  dose: { hardMinNl: 5_000, softMinNl: 10_000, softMaxNl: 40_000, hardMaxNl: 80_000 },
  depth: { hardMinUm: 500, softMinUm: 1_000, softMaxUm: 3_000, hardMaxUm: 4_000 },
  zoneVolume: { softMaxNl: 600_000, hardMaxNl: 1_000_000 },
  sessionVolume: { softMaxNl: 3_000_000, hardMaxNl: 5_000_000 },
  allowedModes: ['papule', 'nappage'],
  minDaysBetweenSessions: 7,
  maxDaysBetweenSessions: 30,
  defaultProfile: { doseNl: 20_000, entryPct: 0, dwellPct: 100, exitPct: 0, depthUm: 2_000, mode: 'papule' },
};

let h: Harness;
let alice: ConnectionContext;
let bob: ConnectionContext;
let clinician: ConnectionContext;

beforeEach(async () => {
  h = makeHarness();
  const users = await withUsers(h);
  alice = users.admin;
  clinician = users.clinician;
  await h.call(alice, 'users.create', { ...SECOND, password: 'first pass for bob', role: 'admin' });
  bob = h.station.newConnection();
  await h.call(bob, 'auth.login', { username: SECOND.username, password: 'first pass for bob' });
  await h.call(bob, 'auth.changePassword', { currentPassword: 'first pass for bob', newPassword: SECOND.password });
});
afterEach(() => h.close());

const draft = (conn: ConnectionContext, input: object) => h.call(conn, 'serum.drafts.create', input) as Promise<SerumDraftView>;
const approve = (conn: ConnectionContext, draftId: number, password: string) => h.call(conn, 'serum.drafts.approve', { draftId, password }) as Promise<SerumVersionView>;
const list = () => h.call(alice, 'serum.list', {}) as Promise<SerumVersionView[]>;
const audits = (action: string) => h.station.db.prepare('SELECT user_id, new_value, reason FROM audit_log WHERE action = ? ORDER BY id').all(action) as { user_id: number; new_value: string; reason: string | null }[];

async function publishNew(): Promise<SerumVersionView> {
  const d = await draft(alice, SERUM);
  return approve(bob, d.id, SECOND.password);
}

describe('drafts and the two-person rule', () => {
  it('no contract method publishes a serum change directly: only a draft approved by a second admin does', async () => {
    expect(CONTRACT).not.toHaveProperty(['serum.create']);
    expect(CONTRACT).not.toHaveProperty(['serum.update']);
    const before = count(h, 'serum_versions');
    // Called anyway over the socket: refused as an unknown method, nothing written.
    for (const method of ['serum.create', 'serum.update']) expect((await h.fail(alice, method as never, SERUM as never)).code).toBe('validation');
    expect(count(h, 'serum_versions')).toBe(before);
  });

  it('a new serum is a draft until a second admin approves it; the drafter cannot', async () => {
    const d = await draft(alice, SERUM);
    expect(d).toMatchObject({ serumId: null, baseVersion: null, state: 'open', draftedBy: { name: 'Alice Admin' }, closed: null, outdated: false });
    expect(d.changes.find((c) => c.field === 'dose.hardMaxNl')).toEqual({ field: 'dose.hardMaxNl', group: 'limits', kind: 'value', before: null, after: 80_000 });
    expect((await list()).some((s) => s.name === SERUM.name)).toBe(false);

    const own = await h.fail(alice, 'serum.drafts.approve', { draftId: d.id, password: ADMIN.password });
    expect(own.code).toBe('forbidden');
    expect(own.reason).toEqual({ code: 'serum.drafter-cannot-approve', params: { draftId: d.id, name: SERUM.name } });
    expect((await h.fail(bob, 'serum.drafts.approve', { draftId: d.id, password: 'not his password' })).code).toBe('unauthenticated');
    expect(count(h, 'serum_versions')).toBe(3); // the two seeded examples' three versions, nothing more

    const v = await approve(bob, d.id, SECOND.password);
    expect(v).toMatchObject({ name: SERUM.name, version: 1, latest: true, retired: null, createdBy: { name: 'Alice Admin' }, publication: { draftId: d.id, draftedBy: { name: 'Alice Admin' }, approvedBy: { name: SECOND.displayName } } });
    expect((await list()).find((s) => s.name === SERUM.name)?.versionId).toBe(v.versionId);
    const [drafted] = await (h.call(alice, 'serum.drafts.list', { state: 'all' }) as Promise<SerumDraftView[]>);
    expect(drafted).toMatchObject({ id: d.id, state: 'published', publishedVersionId: v.versionId, closed: { by: { name: SECOND.displayName } } });
    const published = audits('serum.publish');
    expect(published).toHaveLength(1);
    expect(JSON.parse(published[0]!.new_value)).toMatchObject({ version: 1, draftId: d.id, draftedBy: 'Alice Admin', meaning: 'approved', signedBy: SECOND.displayName });
    expect((await h.fail(bob, 'serum.drafts.approve', { draftId: d.id, password: SECOND.password })).reason?.code).toBe('serum.draft-closed');
  });

  it('the schema itself refuses a draft published by its drafter', async () => {
    const d = await draft(alice, SERUM);
    const drafter = (h.station.db.prepare('SELECT drafted_by_id FROM serum_drafts WHERE id = ?').get(d.id) as { drafted_by_id: number }).drafted_by_id;
    expect(() =>
      h.station.db.prepare("UPDATE serum_drafts SET outcome = 'published', closed_at = 'now', closed_by_id = ?, closed_by_name = 'x', published_version_id = 1 WHERE id = ?").run(drafter, d.id),
    ).toThrow(/CHECK/);
    // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
    expect(() => h.station.db.prepare("UPDATE serum_drafts SET name = 'other' WHERE id = ?").run(d.id)).toThrow(/only ever closed/);
    expect(() => h.station.db.prepare('DELETE FROM serum_drafts').run()).toThrow(/never deleted/);
  });

  it('a change is drafted from the newest version with a reason; one open draft per serum; the diff names what changes', async () => {
    const v1 = await publishNew();
    const change = { ...SERUM, serumId: v1.serumId, baseVersion: 1, reason: 'lower hard dose after review', dose: { ...SERUM.dose, hardMaxNl: 60_000 }, allergens: ['lidocaine', 'minoxidil'] };
    expect((await h.fail(alice, 'serum.drafts.create', { ...change, reason: undefined })).field).toBe('reason');
    expect((await h.fail(alice, 'serum.drafts.create', { ...SERUM, serumId: v1.serumId, baseVersion: 1, reason: 'nothing' })).reason?.code).toBe('serum.draft-unchanged');
    expect((await h.fail(alice, 'serum.drafts.create', { ...change, baseVersion: 2 })).reason?.code).toBe('serum.draft-outdated');
    const d = await draft(bob, change);
    const wanted: SerumChange[] = [
      { field: 'dose.hardMaxNl', group: 'limits', kind: 'value', before: 80_000, after: 60_000 },
      { field: 'allergens', group: 'allergens', kind: 'set', added: ['minoxidil'], removed: [] },
    ];
    expect(d.changes).toEqual(wanted);
    expect((await h.fail(alice, 'serum.drafts.create', { ...change, reason: 'a second one' })).reason?.code).toBe('serum.draft-open');

    const v2 = await approve(alice, d.id, ADMIN.password);
    expect(v2).toMatchObject({ version: 2, reason: 'lower hard dose after review', createdBy: { name: SECOND.displayName }, publication: { approvedBy: { name: 'Alice Admin' } } });
    expect(await h.call(clinician, 'serum.diff', { serumId: v1.serumId, fromVersion: 1, toVersion: 2 })).toEqual(wanted);
    const detail = (await h.call(clinician, 'serum.get', { serumId: v1.serumId })) as { versions: SerumVersionView[] };
    expect(detail.versions.map((v) => [v.version, v.latest, v.dose.hardMaxNl])).toEqual([
      [2, true, 60_000],
      [1, false, 80_000],
    ]);
  });

  it('a draft overtaken by a newer version cannot be approved; a withdrawn one neither', async () => {
    const v1 = await publishNew();
    const d = await draft(alice, { ...SERUM, serumId: v1.serumId, baseVersion: 1, reason: 'notes', notes: 'shake well' });
    await h.call(bob, 'serum.drafts.withdraw', { draftId: d.id, reason: 'wrong serum' });
    expect((await h.fail(bob, 'serum.drafts.approve', { draftId: d.id, password: SECOND.password })).reason?.code).toBe('serum.draft-closed');
    const again = await draft(alice, { ...SERUM, serumId: v1.serumId, baseVersion: 1, reason: 'notes', notes: 'shake well' });
    // The database moved on behind the draft (an older station, a restore): approval is refused.
    h.station.db
      .prepare("INSERT INTO serum_versions (serum_id, version, name, definition, created_at, reason) SELECT serum_id, 2, name, definition, 'now', 'elsewhere' FROM serum_versions WHERE id = ?")
      .run(v1.versionId);
    expect((await h.fail(bob, 'serum.drafts.approve', { draftId: again.id, password: SECOND.password })).reason?.code).toBe('serum.draft-outdated');
    expect(((await h.call(alice, 'serum.drafts.list', {})) as SerumDraftView[]).find((x) => x.id === again.id)?.outdated).toBe(true);
  });

  it('clinicians may read and compare versions but not draft, approve or retire', async () => {
    expect((await h.fail(clinician, 'serum.drafts.create', SERUM)).code).toBe('forbidden');
    expect((await h.fail(clinician, 'serum.retire', { serumId: 1, reason: 'x', password: 'x' })).code).toBe('forbidden');
  });
});

describe('retiring', () => {
  it('a retired serum is refused at load, its open draft withdrawn; a session that loaded a version keeps it', async () => {
    const v1 = await publishNew();
    const d = await draft(alice, { ...SERUM, serumId: v1.serumId, baseVersion: 1, reason: 'raise dose', dose: { ...SERUM.dose, softMaxNl: 50_000 } });
    expect((await h.fail(bob, 'serum.retire', { serumId: v1.serumId, reason: 'discontinued', password: 'wrong' })).code).toBe('unauthenticated');
    const retired = (await h.call(bob, 'serum.retire', { serumId: v1.serumId, reason: 'discontinued by the supplier', password: SECOND.password })) as SerumVersionView;
    expect(retired.retired).toMatchObject({ reason: 'discontinued by the supplier', by: { name: SECOND.displayName } });
    expect(((await h.call(alice, 'serum.drafts.list', { state: 'all' })) as SerumDraftView[]).find((x) => x.id === d.id)).toMatchObject({ state: 'withdrawn', closed: { reason: 'the serum was retired' } });
    expect((await h.fail(alice, 'serum.drafts.create', { ...SERUM, serumId: v1.serumId, baseVersion: 1, reason: 'x', notes: 'y' })).reason?.code).toBe('serum.retired');
    expect((await h.fail(alice, 'serum.retire', { serumId: v1.serumId, reason: 'again', password: ADMIN.password })).reason?.code).toBe('serum.already-retired');
    expect(JSON.parse(audits('serum.retire')[0]!.new_value)).toMatchObject({ retired: true, meaning: 'retired', withdrawnDraftId: d.id });

    // The session's serum port: loading is refused, naming the retirement...
    const s = h.station.services;
    const port = serumPortFrom(s.serumLibrary, s.serumLots);
    const lot = { id: 1, lotNumber: 'L1', expiryDate: '2030-01-01' };
    const problems = port.checkUse({ versionId: v1.versionId, lot, patientAllergies: [], anaestheticAllergy: false, today: '2025-01-15' });
    expect(problems.map((p) => p.code)).toEqual(['serum.retired']);
    expect(problems[0]!.params).toMatchObject({ reason: 'discontinued by the supplier' });
    // ...while a session that loaded it before keeps its version and limits.
    expect(port.version(v1.versionId)).toMatchObject({ versionId: v1.versionId, zoneVolume: SERUM.zoneVolume });
    expect(port.profileWithinLimits({ ...SERUM.defaultProfile, mode: 'papule', minIntervalMs: 500, doseNl: 45_000 }, v1.versionId).softViolations.map((v) => v.field)).toEqual(['doseNl']);
    // A retired name is free for a new serum.
    expect((await draft(alice, SERUM)).state).toBe('open');
  });

  it('a version a newer one replaced is refused at load; the newest is not', async () => {
    const v1 = await publishNew();
    const d = await draft(alice, { ...SERUM, serumId: v1.serumId, baseVersion: 1, reason: 'notes', notes: 'shake well' });
    const v2 = await approve(bob, d.id, SECOND.password);
    const s = h.station.services;
    const port = serumPortFrom(s.serumLibrary, s.serumLots);
    const use = (versionId: number) => port.checkUse({ versionId, lot: { id: 1, lotNumber: 'L1', expiryDate: '2030-01-01' }, patientAllergies: [], anaestheticAllergy: false, today: '2025-01-15' }).map((p) => p.code);
    expect(use(v1.versionId)).toEqual(['serum.superseded']);
    expect(use(v2.versionId)).toEqual([]);
  });
});
