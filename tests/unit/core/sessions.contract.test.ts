import { afterEach, describe, expect, it } from 'vitest';
import { sessionsContract } from '../../../electron/contract/sessions.js';
import type { Actor } from '../../../electron/core/access/actor.js';
import { newConnection } from '../../../electron/core/access/connection.js';
import { createDispatcher, type Dispatch } from '../../../electron/core/dispatch.js';
import { sessionsHandlers } from '../../../electron/core/sessions/handlers.js';
import { SessionRecords } from '../../../electron/core/sessions/history.js';
import { ADMIN, CLINICIAN, PROFILE, count, makeHarness, toMesotherapy, type Harness } from './sessionsHarness.js';
import { refusal } from '../../support/coreErrors.js';

let h: Harness;
afterEach(() => h?.close());

function dispatcherAs(actor: Actor): Dispatch {
  return createDispatcher({
    handlers: sessionsHandlers(h.service, new SessionRecords(h.db)),
    contract: sessionsContract,
    logins: { resolve: () => ({ actor, locked: false }), touch: () => undefined },
    logger: { error: () => undefined },
  });
}

function written(): number {
  return (
    count(h.db, 'SELECT COUNT(*) AS n FROM clinical_sessions') +
    count(h.db, 'SELECT COUNT(*) AS n FROM session_steps') +
    count(h.db, 'SELECT COUNT(*) AS n FROM audit_log') +
    count(h.db, 'SELECT COUNT(*) AS n FROM limit_events')
  );
}

describe('sessions contract: input validation', () => {
  it('names the field of every bad input and writes nothing', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    const call = dispatcherAs(CLINICIAN);
    const conn = newConnection();
    const before = written();
    const gunCalls = h.gun.calls.length;
    const cases: [string, unknown, string][] = [
      ['sessions.start', { patientId: '1', intake: { identityConfirmed: true, screeningId: 1 } }, 'patientId'],
      ['sessions.start', { patientId: 1, intake: { identityConfirmed: false, screeningId: 1 } }, 'intake.identityConfirmed'],
      ['sessions.start', { patientId: 1, intake: { identityConfirmed: true, screeningId: 1, notes: 'x'.repeat(2001) } }, 'intake.notes'],
      ['sessions.setProfile', { sessionId: id, profile: { ...PROFILE, doseNl: -20_000 } }, 'profile.doseNl'],
      ['sessions.setProfile', { sessionId: id, profile: { ...PROFILE, doseNl: 250_000 } }, 'profile.doseNl'],
      ['sessions.setProfile', { sessionId: id, profile: { ...PROFILE, doseNl: 20.5 } }, 'profile.doseNl'],
      ['sessions.setProfile', { sessionId: id, profile: { ...PROFILE, mode: 'spray' } }, 'profile.mode'],
      ['sessions.setProfile', { sessionId: id, profile: PROFILE, softOverrideReason: 'y'.repeat(501) }, 'softOverrideReason'],
      ['sessions.setProfile', { sessionId: id, profile: { ...PROFILE, depthUm: 'deep' } }, 'profile.depthUm'],
      ['sessions.selectZone', { sessionId: id, zone: 'nape' }, 'zone'],
      ['sessions.selectZone', { sessionId: id, zone: 'vertex', extra: 1 }, 'extra'],
      ['sessions.arm', { sessionId: -3 }, 'sessionId'],
      ['sessions.arm', {}, 'sessionId'],
      ['sessions.prepare', { sessionId: id, zoneTargetsNl: { vertex: 1e12 } }, 'zoneTargetsNl.vertex'],
      ['sessions.prepare', { sessionId: id, zoneTargetsNl: { crown: 1000 } }, 'zoneTargetsNl.crown'],
      ['sessions.prepare', { sessionId: id, serum: { serumVersionId: 1, lotNumber: 'L'.repeat(65), expiry: '2099-12-31' } }, 'serum.lotNumber'],
      ['sessions.prepare', { sessionId: id, serum: { serumVersionId: 1, lotNumber: 'L-2025-01', expiry: '31/12/2099' } }, 'serum.expiry'],
      ['sessions.ackSoftLimit', { sessionId: id, scope: 'zone', zone: 'vertex', reason: 'ok' }, 'reason'],
      ['sessions.ackSoftLimit', { sessionId: id, scope: 'patient', reason: 'because' }, 'scope'],
      ['sessions.abort', { sessionId: id, reason: 'z'.repeat(501) }, 'reason'],
      ['sessions.abort', { sessionId: id }, 'reason'],
      ['sessions.addendum', { sessionId: id, text: 't'.repeat(4001), reason: 'long one' }, 'text'],
      ['sessions.sign', { sessionId: id, password: 'p'.repeat(201) }, 'password'],
      ['sessions.thermo.start', { sessionId: id, stage: 'sauna' }, 'stage'],
      ['sessions.thermo.skip', { sessionId: id, reason: 'fine', admin: { username: 'root' } }, 'admin.password'],
    ];
    for (const [method, input, field] of cases) {
      const e = await refusal(call(conn, method, input));
      expect(e.code, `${method} ${JSON.stringify(input).slice(0, 80)}`).toBe('validation');
      expect(e.field, `${method} ${JSON.stringify(input).slice(0, 80)}`).toBe(field);
    }
    expect(written()).toBe(before);
    expect(h.gun.calls.length).toBe(gunCalls);
  });

  it('accepts a good call and returns the session view', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    const call = dispatcherAs(CLINICIAN);
    const v = (await call(newConnection(), 'sessions.selectZone', { sessionId: id, zone: 'vertex' })) as { zone: string; zones: unknown[] };
    expect(v.zone).toBe('vertex');
    expect(v.zones).toHaveLength(8);
  });

  it('checks roles behind the contract', async () => {
    h = await makeHarness();
    const asAdmin = dispatcherAs(ADMIN);
    const asClinician = dispatcherAs(CLINICIAN);
    expect((await refusal(asAdmin(newConnection(), 'sessions.start', { patientId: 1, intake: { identityConfirmed: true, screeningId: 1 } }))).code).toBe('forbidden');
    expect((await refusal(asClinician(newConnection(), 'sessions.list', {}))).code).toBe('forbidden');
    expect((await refusal(asClinician(newConnection(), 'ledger.unattributed', {}))).code).toBe('forbidden');
    expect(await asAdmin(newConnection(), 'sessions.list', {})).toEqual({ items: [], total: 0, offset: 0, limit: 50 });
    expect(count(h.db, 'SELECT COUNT(*) AS n FROM clinical_sessions')).toBe(0);
  });

  it('lists sessions for admins with filters, including lot recall', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await h.service.selectZone(CLINICIAN, { sessionId: id, zone: 'frontal' });
    await h.service.arm(CLINICIAN, { sessionId: id });
    await h.gun.fire(2);
    await h.service.abort(CLINICIAN, { sessionId: id, reason: 'test list' });
    const call = dispatcherAs(ADMIN);
    const items = async (filter: object) => ((await call(newConnection(), 'sessions.list', filter)) as { items: { id: number; totalDeliveredNl: number }[] }).items;
    expect(await items({ statuses: ['aborted'] })).toEqual([expect.objectContaining({ id, totalDeliveredNl: 40_000 })]);
    expect(await items({ lotNumber: 'L-2025-01' })).toHaveLength(1);
    expect(await items({ lotNumber: 'OTHER' })).toHaveLength(0);
    expect(await items({ patientId: 2 })).toHaveLength(0);
  });

  it('pages through any number of sessions, naming each patient, with the total over all pages', async () => {
    h = await makeHarness();
    h.db.prepare("INSERT INTO patients (id, full_name, birth_date, sex, created_at, updated_at) VALUES (7, 'Zeynep Işık', '1985-03-04', 'female', 'now', 'now')").run();
    const insert = h.db.prepare(
      `INSERT INTO clinical_sessions (patient_id, clinician_user_id, clinician_username, clinician_display_name, status, phase, step, started_at, updated_at, machine_version, snapshot)
       VALUES (7, 11, 'ana', 'Dr Ana Ruiz', 'signed', 'signed', '', ?, ?, 1, '{}')`,
    );
    for (let i = 0; i < 230; i++) insert.run(1_700_000_000_000 + i * 60_000, 1_700_000_000_000 + i * 60_000);
    const call = dispatcherAs(ADMIN);
    const page = (await call(newConnection(), 'sessions.list', { limit: 100, offset: 200 })) as { items: { patientName: string; startedAt: number }[]; total: number; offset: number };
    expect(page.total).toBe(230);
    expect(page.offset).toBe(200);
    expect(page.items).toHaveLength(30);
    expect(page.items.every((r) => r.patientName === 'Zeynep Işık')).toBe(true);
    // Newest first: the last page holds the 30 oldest.
    expect(page.items.at(-1)!.startedAt).toBe(1_700_000_000_000);
  });

  it('lets a clinician read a patient\'s past sessions (sessions.history) but not the admin list', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await h.service.selectZone(CLINICIAN, { sessionId: id, zone: 'vertex' });
    await h.service.arm(CLINICIAN, { sessionId: id });
    await h.gun.fire(3);
    await h.service.abort(CLINICIAN, { sessionId: id, reason: 'patient felt faint' });
    const history = (await dispatcherAs(CLINICIAN)(newConnection(), 'sessions.history', { patientId: 1 })) as {
      id: number;
      status: string;
      totalShots: number;
      zones: { zone: string; deliveredNl: number }[];
      notes: { kind: string; text: string }[];
    }[];
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ id, status: 'aborted', totalShots: 3, serumName: 'Revita-H v1', lotNumber: 'L-2025-01' });
    expect(history[0]!.zones.find((z) => z.zone === 'vertex')?.deliveredNl).toBe(60_000);
    expect(history[0]!.zones.find((z) => z.zone === 'occipital')?.deliveredNl).toBe(0);
    expect(history[0]!.notes).toEqual([expect.objectContaining({ kind: 'abort', text: 'patient felt faint' })]);
    expect(await dispatcherAs(CLINICIAN)(newConnection(), 'sessions.history', { patientId: 2 })).toEqual([]);
  });
});
