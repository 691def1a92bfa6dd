// The coded-reason list: admins add, relabel and retire codes (each audited with its reason), a code
// never changes, and what a clinician chooses is checked against the list (active, meant for the use,
// with its words when the code needs them).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReasonCodeView } from '../../../electron/contract/reasonCodes.js';
import type { ConnectionContext } from '../../../electron/core/access/connection.js';
import { makeHarness, withUsers, type Harness } from './access.fixture.js';
import { refusal } from '../../support/coreErrors.js';

let h: Harness;
let admin: ConnectionContext;
let clinician: ConnectionContext;
beforeEach(async () => {
  h = makeHarness();
  ({ admin, clinician } = await withUsers(h));
});
afterEach(() => h.close());

const list = (conn: ConnectionContext, input: object = {}) => h.call(conn, 'reasonCodes.list', input) as Promise<ReasonCodeView[]>;

describe('the list', () => {
  it('starts with the installed codes, each for its uses; clinicians read the active ones by use', async () => {
    const all = await list(clinician);
    expect(all.map((c) => c.code)).toEqual(expect.arrayContaining(['clinical-judgement', 'patient-request', 'patient-unwell', 'other']));
    expect(all.find((c) => c.code === 'other')).toMatchObject({ uses: ['override', 'skip', 'shorten', 'abort'], textRequired: true, retired: false, createdBy: null });
    const skips = await list(clinician, { use: 'skip' });
    expect(skips.length).toBeGreaterThan(1);
    expect(skips.every((c) => c.uses.includes('skip'))).toBe(true);
    expect(skips.map((c) => c.code)).not.toContain('clinical-judgement');
  });

  it('admins add a code (audited); a duplicate or a malformed code is refused; clinicians cannot', async () => {
    const c = (await h.call(admin, 'reasonCodes.create', { code: 'Hair-Wet', label: 'Hair still wet from steam', uses: ['shorten', 'skip'] })) as ReasonCodeView;
    expect(c).toMatchObject({ code: 'hair-wet', uses: ['skip', 'shorten'], textRequired: false, createdBy: { name: 'Alice Admin' } });
    expect((await h.fail(admin, 'reasonCodes.create', { code: 'hair-wet', label: 'again', uses: ['skip'] })).reason?.code).toBe('reason-code.exists');
    expect((await h.fail(admin, 'reasonCodes.create', { code: 'two  words', label: 'x', uses: ['skip'] })).field).toBe('code');
    expect((await h.fail(admin, 'reasonCodes.create', { code: 'ok-code', label: 'x', uses: [] })).field).toBe('uses');
    expect((await h.fail(clinician, 'reasonCodes.create', { code: 'mine', label: 'x', uses: ['skip'] })).code).toBe('forbidden');
    const row = h.station.db.prepare("SELECT new_value FROM audit_log WHERE action = 'reason_code.create'").get() as { new_value: string };
    expect(JSON.parse(row.new_value)).toMatchObject({ code: 'hair-wet', label: 'Hair still wet from steam' });
  });

  it('a label or uses change needs a reason and is audited with old and new; the code itself never changes', async () => {
    const c = (await list(admin)).find((x) => x.code === 'sparse-area')!;
    expect((await h.fail(admin, 'reasonCodes.update', { id: c.id, label: 'Thin area' })).field).toBe('reason');
    const u = (await h.call(admin, 'reasonCodes.update', { id: c.id, label: 'Thin area needs more serum', reason: 'clearer wording' })) as ReasonCodeView;
    expect(u).toMatchObject({ code: 'sparse-area', label: 'Thin area needs more serum' });
    expect((await h.fail(admin, 'reasonCodes.update', { id: c.id, label: 'Thin area needs more serum', reason: 'same' })).reason?.code).toBe('reason-code.unchanged');
    const a = h.station.db.prepare("SELECT old_value, new_value, reason FROM audit_log WHERE action = 'reason_code.update'").get() as { old_value: string; new_value: string; reason: string };
    expect([JSON.parse(a.old_value).label, JSON.parse(a.new_value).label, a.reason]).toEqual(['Sparse area needs more serum', 'Thin area needs more serum', 'clearer wording']);
    // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
    expect(() => h.station.db.prepare("UPDATE reason_codes SET code = 'thin' WHERE id = ?").run(c.id)).toThrow(/never changes/);
    expect(() => h.station.db.prepare('DELETE FROM reason_codes WHERE id = ?').run(c.id)).toThrow(/never deleted/);
  });

  it('a retired code is no longer offered and is refused; it can be restored', async () => {
    const c = (await list(admin)).find((x) => x.code === 'device-fault')!;
    await h.call(admin, 'reasonCodes.setRetired', { id: c.id, retired: true, reason: 'covered by the gun fault log' });
    expect((await list(clinician, { use: 'abort' })).map((x) => x.code)).not.toContain('device-fault');
    expect((await list(admin, { includeRetired: true })).find((x) => x.code === 'device-fault')?.retired).toBe(true);
    expect((await h.fail(admin, 'reasonCodes.setRetired', { id: c.id, retired: true, reason: 'again' })).reason?.code).toBe('reason-code.already-retired');
    const codes = h.station.services.reasonCodes;
    expect((await refusal(() => codes.resolve('abort', { code: 'device-fault' }))).reason?.code).toBe('reason-code.retired');
    await h.call(admin, 'reasonCodes.setRetired', { id: c.id, retired: false, reason: 'needed after all' });
    expect(codes.resolve('abort', { code: 'device-fault' })).toEqual({ code: 'device-fault', label: 'Gun or device fault', text: null, summary: 'Gun or device fault' });
  });
});

describe('what a clinician chooses', () => {
  it('must be a known code for the use, with words where the code asks for them', async () => {
    const codes = h.station.services.reasonCodes;
    expect(codes.resolve('override', { code: 'clinical-judgement', text: '  thin crown ' })).toEqual({
      code: 'clinical-judgement',
      label: 'Clinical judgement for this patient',
      text: 'thin crown',
      summary: 'Clinical judgement for this patient: thin crown',
    });
    const unknown = await refusal(() => codes.resolve('override', { code: 'because' }, 'softOverride'));
    expect([unknown.code, unknown.field, unknown.reason?.code]).toEqual(['validation', 'softOverride.code', 'reason-code.unknown']);
    expect((await refusal(() => codes.resolve('abort', { code: 'clinical-judgement' }))).reason).toEqual({ code: 'reason-code.wrong-use', params: { code: 'clinical-judgement', use: 'abort' } });
    const noText = await refusal(() => codes.resolve('skip', { code: 'other', text: '   ' }));
    expect([noText.field, noText.reason?.code]).toEqual(['reason.text', 'reason-code.text-required']);
  });
});
