// Thermotherapy as the seeds require it: a stage completes when its timer has run its set time and
// its checklist is ticked (each tick recorded with its time). Completing early shortens the stage:
// refused without a reason and an admin's approval, and recorded as shortened with the time given.
import { afterEach, describe, expect, it } from 'vitest';
import { settingsSchema, THERMO_FLOOR_MINUTES } from '../../../electron/contract/settings.js';
import { SNAPSHOT_MIGRATIONS, upgradeSnapshot } from '../../../electron/core/sessions/snapshotCodec.js';
import { ADMIN, CLINICIAN, OTHER_CLINICIAN, count, expectCoreError, makeHarness, tickChecklist, type Harness } from './sessionsHarness.js';

let h: Harness;
afterEach(() => h?.close());

const ADMIN_CREDENTIALS = { username: ADMIN.username, password: 'root-pass-1' };

async function steamRunning(): Promise<number> {
  h = await makeHarness();
  const { id } = await h.service.start(CLINICIAN, { patientId: 1, intake: {} });
  await h.service.thermo(CLINICIAN, { sessionId: id, stage: 'steam' }, 'start');
  return id;
}

describe('thermotherapy guards', () => {
  it('refuses an early complete without approval, with its code and the time given; nothing is recorded', async () => {
    const id = await steamRunning();
    await tickChecklist(h, id, 'steam');
    h.clock.advance(3_000);
    const steps = count(h.db, 'SELECT COUNT(*) AS n FROM session_steps WHERE session_id = ?', id);
    const e = await expectCoreError(h.service.completeThermo(CLINICIAN, { sessionId: id, stage: 'steam' }), 'blocked');
    expect(e.reason).toEqual({ code: 'thermo.too-early', params: { stage: 'steam', givenMs: 3_000, plannedMs: 600_000 } });
    expect(e.field).toBe('early');
    expect(count(h.db, 'SELECT COUNT(*) AS n FROM session_steps WHERE session_id = ?', id)).toBe(steps);
    expect(h.service.get(id).step).toBe('steam.running');
  });

  it("refuses an approval that is not an admin's, and a wrong password", async () => {
    const id = await steamRunning();
    await tickChecklist(h, id, 'steam');
    h.clock.advance(60_000);
    const e = await expectCoreError(
      h.service.completeThermo(CLINICIAN, { sessionId: id, stage: 'steam', early: { reason: 'patient anxious', admin: { username: OTHER_CLINICIAN.username, password: 'ben-pass-1' } } }),
      'forbidden',
    );
    expect(e.reason).toEqual({ code: 'approval.not-admin', params: { username: OTHER_CLINICIAN.username } });
    await expectCoreError(h.service.completeThermo(CLINICIAN, { sessionId: id, stage: 'steam', early: { reason: 'patient anxious', admin: { username: ADMIN.username, password: 'wrong' } } }), 'unauthenticated');
    expect(h.service.get(id).step).toBe('steam.running');
  });

  it('records an approved early complete as shortened, with the seconds actually given (pauses excluded)', async () => {
    const id = await steamRunning();
    h.clock.advance(100_000);
    await h.service.thermo(CLINICIAN, { sessionId: id, stage: 'steam' }, 'pause');
    h.clock.advance(500_000);
    await h.service.thermo(CLINICIAN, { sessionId: id, stage: 'steam' }, 'resume');
    h.clock.advance(20_000);
    await tickChecklist(h, id, 'steam');
    const v = await h.service.completeThermo(CLINICIAN, { sessionId: id, stage: 'steam', early: { reason: 'patient feels faint', admin: ADMIN_CREDENTIALS } });
    expect(v.step).toBe('massage.ready');
    expect(v.thermo.steam.shortened).toMatchObject({ reason: 'patient feels faint', approvedBy: ADMIN.username, givenMs: 120_000 });
    const step = h.db.prepare("SELECT detail FROM session_steps WHERE session_id = ? AND event = 'THERMO_COMPLETE'").get(id) as { detail: string };
    expect(JSON.parse(step.detail)).toEqual({ stage: 'steam', outcome: 'shortened', givenSeconds: 120, plannedSeconds: 600, approvedBy: ADMIN.username, approvedByUserId: ADMIN.userId });
    const audit = h.db.prepare("SELECT reason FROM audit_log WHERE action = 'session.thermo-complete'").get() as { reason: string };
    expect(audit.reason).toBe('patient feels faint');
  });

  it('completes without approval once the timer has run its set time, recorded as completed', async () => {
    const id = await steamRunning();
    await tickChecklist(h, id, 'steam');
    h.clock.advance(600_000);
    const v = await h.service.completeThermo(CLINICIAN, { sessionId: id, stage: 'steam' });
    expect(v.thermo.steam.shortened).toBeNull();
    const step = h.db.prepare("SELECT detail FROM session_steps WHERE session_id = ? AND event = 'THERMO_COMPLETE'").get(id) as { detail: string };
    expect(JSON.parse(step.detail)).toEqual({ stage: 'steam', outcome: 'completed', givenSeconds: 600, plannedSeconds: 600 });
  });

  it('an approval offered after the time has run is not a shortening', async () => {
    const id = await steamRunning();
    await tickChecklist(h, id, 'steam');
    h.clock.advance(601_000);
    const v = await h.service.completeThermo(CLINICIAN, { sessionId: id, stage: 'steam', early: { reason: 'late click', admin: ADMIN_CREDENTIALS } });
    expect(v.thermo.steam.shortened).toBeNull();
  });

  it('refuses to complete with the checklist unticked, even after the set time; records each tick and untick with its time', async () => {
    const id = await steamRunning();
    const t0 = h.clock.now();
    await h.service.checkThermo(CLINICIAN, { sessionId: id, stage: 'steam', item: 'cape-on', checked: true });
    h.clock.advance(5_000);
    await h.service.checkThermo(CLINICIAN, { sessionId: id, stage: 'steam', item: 'steamer-ready', checked: true });
    await h.service.checkThermo(CLINICIAN, { sessionId: id, stage: 'steam', item: 'cape-on', checked: false });
    h.clock.advance(600_000);
    const e = await expectCoreError(h.service.completeThermo(CLINICIAN, { sessionId: id, stage: 'steam' }), 'blocked');
    expect(e.reason).toEqual({ code: 'thermo.checklist-incomplete', params: { stage: 'steam', missing: 2 } });
    expect(h.service.get(id).thermo.steam.checks).toEqual({ 'steamer-ready': t0 + 5_000 });
    const ticks = h.db.prepare("SELECT at, detail FROM session_steps WHERE session_id = ? AND event = 'THERMO_CHECK' ORDER BY id").all(id) as { at: number; detail: string }[];
    expect(ticks.map((t) => [t.at - t0, JSON.parse(t.detail)])).toEqual([
      [0, { stage: 'steam', item: 'cape-on', checked: true }],
      [5_000, { stage: 'steam', item: 'steamer-ready', checked: true }],
      [5_000, { stage: 'steam', item: 'cape-on', checked: false }],
    ]);
  });

  it("refuses a tick from the other stage's checklist, and completing a stage that has not started", async () => {
    h = await makeHarness();
    const { id } = await h.service.start(CLINICIAN, { patientId: 1, intake: {} });
    await expectCoreError(h.service.checkThermo(CLINICIAN, { sessionId: id, stage: 'steam', item: 'no-pain', checked: true }), 'validation');
    await expectCoreError(h.service.completeThermo(CLINICIAN, { sessionId: id, stage: 'steam' }), 'blocked', 'session.step-not-now');
  });

  it('settings hold each stage above its floor (steam 5 min, massage 3 min)', () => {
    const t = settingsSchema.shape.thermotherapy;
    expect(THERMO_FLOOR_MINUTES).toEqual({ steam: 5, massage: 3 });
    expect(t.safeParse({ steamMinutes: 5, massageMinutes: 3 }).success).toBe(true);
    expect(t.safeParse({ steamMinutes: 4, massageMinutes: 3 }).success).toBe(false);
    expect(t.safeParse({ steamMinutes: 10, massageMinutes: 0 }).success).toBe(false);
    expect(t.safeParse({ steamMinutes: 10, massageMinutes: 2 }).success).toBe(false);
  });

  it('a version-1 snapshot upgrades with empty checklists and no shortening (nothing invented)', () => {
    const v1 = { value: { thermotherapy: { steam: 'running' } }, context: { thermo: { steam: { plannedMs: 600_000, startedAt: 1, endedAt: null, pauses: [] }, massage: { plannedMs: 0, startedAt: null, endedAt: null, pauses: [] }, skipped: null } } };
    const up = upgradeSnapshot({ machineVersion: 1, json: JSON.stringify(v1) }, SNAPSHOT_MIGRATIONS, 2) as typeof v1 & { context: { thermo: { steam: { checks: object; shortened: null } } } };
    expect(up.context.thermo.steam).toEqual({ plannedMs: 600_000, startedAt: 1, endedAt: null, pauses: [], checks: {}, shortened: null });
    expect(up.value).toEqual(v1.value);
  });

});
