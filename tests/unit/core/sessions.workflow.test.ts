import type { Reason } from '../../../electron/contract/reasons.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADMIN, CLINICIAN, OTHER_CLINICIAN, PROFILE, armIn, count, expectCoreError, makeHarness, runThermoStage, tickChecklist, toMesotherapy, type Harness } from './sessionsHarness.js';

let h: Harness;
afterEach(() => h?.close());

describe('session workflow: phase order', () => {
  it('walks intake -> thermotherapy -> preparation -> mesotherapy -> closing -> review -> signed', async () => {
    h = await makeHarness();
    const s = await h.service.start(CLINICIAN, { patientId: 1, intake: { notes: 'first visit' } });
    expect(s.phase).toBe('thermotherapy');
    expect(s.step).toBe('steam.ready');
    const id = await toMesotherapyFrom(h, s.id);
    let v = h.service.get(id);
    expect(v.phase).toBe('mesotherapy');
    expect(v.gun?.serial).toBe('MG-0001');
    await armIn(h, id, 'vertex');
    await h.gun.fire(3);
    await h.service.disarm(CLINICIAN, { sessionId: id });
    v = await h.service.closing(CLINICIAN, { sessionId: id, oilSerumApplied: true, aftercareGiven: true });
    expect(v.phase).toBe('review');
    v = await h.service.sign(CLINICIAN, { sessionId: id, password: 'ana-pass-1', reviewedBy: { username: 'ben', password: 'ben-pass-1' } });
    expect(v.phase).toBe('signed');
    expect(v.status).toBe('signed');
    expect(v.signatures.map((x) => [x.username, x.meaning])).toEqual([
      ['ana', 'performed'],
      ['ben', 'reviewed'],
    ]);
    expect(v.zones.find((z) => z.zone === 'vertex')?.deliveredNl).toBe(60_000);
    expect(h.service.getActive()).toBeNull();
    // Every accepted step is in the timeline and the audit trail.
    const steps = (h.db.prepare('SELECT event FROM session_steps WHERE session_id = ? ORDER BY id').all(id) as { event: string }[]).map((r) => r.event);
    expect(steps).toEqual([
      'START', 'INTAKE_DONE', 'THERMO_START', 'THERMO_CHECK', 'THERMO_CHECK', 'THERMO_CHECK', 'THERMO_COMPLETE',
      'THERMO_START', 'THERMO_CHECK', 'THERMO_CHECK', 'THERMO_CHECK', 'THERMO_COMPLETE', 'SERUM_CHOSEN', 'NEEDLE_CONFIRMED',
      'PROFILE_SET', 'PRIMED', 'ZONE_SELECTED', 'ARMED', 'DISARMED', 'MESO_FINISHED', 'CLOSING_DONE', 'SIGNED',
    ]);
    expect(count(h.db, "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'clinical_session' AND entity_id = ?", String(id))).toBeGreaterThanOrEqual(15);
    expect(h.audit.verify().ok).toBe(true);
  });

  it('refuses to arm outside mesotherapy, naming the phase', async () => {
    h = await makeHarness();
    const s = await h.service.start(CLINICIAN, { patientId: 1, intake: {} });
    await expectCoreError(h.service.arm(CLINICIAN, { sessionId: s.id }), 'blocked', { reason: 'session.step-not-now', params: { action: 'ARMED', phase: 'thermotherapy' } });
    expect(h.gun.calls).not.toContain('arm');
  });

  it('refuses skipped phases, naming the phase the session is in', async () => {
    h = await makeHarness();
    const s = await h.service.start(CLINICIAN, { patientId: 1, intake: {} });
    const before = count(h.db, 'SELECT COUNT(*) AS n FROM session_steps');
    await expectCoreError(
      h.service.prepare(CLINICIAN, { sessionId: s.id, serum: { serumVersionId: 1, lotNumber: 'L-2025-01', expiry: '2099-12-31' } }),
      'blocked',
      { reason: 'session.step-not-now', params: { action: 'SERUM_CHOSEN', phase: 'thermotherapy' } },
    );
    await expectCoreError(h.service.thermo(CLINICIAN, { sessionId: s.id, stage: 'massage' }, 'start'), 'blocked', { reason: 'session.step-not-now', params: { phase: 'thermotherapy' } });
    await expectCoreError(h.service.closing(CLINICIAN, { sessionId: s.id, oilSerumApplied: true, aftercareGiven: true }), 'blocked', { reason: 'session.step-not-now', params: { action: 'CLOSING_DONE', phase: 'thermotherapy' } });
    await expectCoreError(h.service.sign(CLINICIAN, { sessionId: s.id, password: 'ana-pass-1' }), 'blocked', { reason: 'session.step-not-now', params: { action: 'SIGNED', phase: 'thermotherapy' } });
    await expectCoreError(h.service.selectZone(CLINICIAN, { sessionId: s.id, zone: 'vertex' }), 'blocked', { reason: 'session.step-not-now', params: { phase: 'thermotherapy' } });
    expect(count(h.db, 'SELECT COUNT(*) AS n FROM session_steps')).toBe(before);
    // Preparation is not left until every item is done.
    await runThermoStage(h, s.id, 'steam');
    await runThermoStage(h, s.id, 'massage');
    await h.service.prepare(CLINICIAN, { sessionId: s.id, needleNewConfirmed: true });
    await expectCoreError(h.service.arm(CLINICIAN, { sessionId: s.id }), 'blocked', { reason: 'session.step-not-now', params: { phase: 'preparation' } });
    await expectCoreError(h.service.prepare(CLINICIAN, { sessionId: s.id, primed: true }), 'blocked', 'session.profile-before-priming');
    await expectCoreError(h.service.setProfile(CLINICIAN, { sessionId: s.id, profile: PROFILE }), 'blocked', 'session.serum-first');
  });

  it('keeps one session in progress per station', async () => {
    h = await makeHarness();
    await h.service.start(CLINICIAN, { patientId: 1, intake: {} });
    await expectCoreError(h.service.start(OTHER_CLINICIAN, { patientId: 2, intake: {} }), 'conflict', 'session.in-progress');
  });

  it('blocks intake for an unscreened patient and an unknown one', async () => {
    h = await makeHarness();
    const e = await expectCoreError(h.service.start(CLINICIAN, { patientId: 3, intake: {} }), 'blocked');
    expect(e.reason).toEqual({ code: 'screening.missing', params: { patientId: 3 } });
    await expectCoreError(h.service.start(CLINICIAN, { patientId: 99, intake: {} }), 'not-found');
    expect(count(h.db, 'SELECT COUNT(*) AS n FROM clinical_sessions')).toBe(0);
  });

  it('checks the course the screen named against the running one', async () => {
    h = await makeHarness();
    await expectCoreError(h.service.start(CLINICIAN, { patientId: 1, courseId: 5, intake: {} }), 'conflict', 'session.course-not-running');
  });

  it('a session the course calls too early needs a recorded reason', async () => {
    h = await makeHarness();
    h.courses.tooEarly = { code: 'interval.too-early', params: { earliest: '2025-05-14', minDays: 7, daysSinceLast: 5 } };
    const e = await expectCoreError(h.service.start(CLINICIAN, { patientId: 1, intake: {} }), 'blocked');
    expect(e.reason?.code).toBe('interval.too-early');
    expect(e.field).toBe('intake.tooEarlyReason');
    const v = await h.service.start(CLINICIAN, { patientId: 1, intake: { tooEarlyReason: 'patient travels abroad next week' } });
    expect(v.warnings[0]).toMatchObject({ code: 'intake.went-ahead-early', params: { reason: 'patient travels abroad next week' } });
    const step = h.db.prepare("SELECT detail FROM session_steps WHERE session_id = ? AND event = 'INTAKE_DONE'").get(v.id) as { detail: string };
    expect(JSON.parse(step.detail)).toMatchObject({ tooEarly: { code: 'interval.too-early' }, underMinimumApproval: null });
  });

  it("under the serum's minimum days needs an administrator's approval as well as the reason", async () => {
    h = await makeHarness();
    const under: Reason = { code: 'interval.under-serum-minimum', params: { serum: 'Revita-H v1', minDays: 7, daysSinceLast: 3 } };
    h.courses.tooEarly = under;
    h.courses.underSerumMinimum = under;
    const reason = 'flight tomorrow';
    const noApproval = await expectCoreError(h.service.start(CLINICIAN, { patientId: 1, intake: { tooEarlyReason: reason } }), 'blocked');
    expect(noApproval.reason?.code).toBe('interval.approval-needed');
    expect(noApproval.field).toBe('intake.underMinimumApproval');
    const notAdmin = await expectCoreError(h.service.start(CLINICIAN, { patientId: 1, intake: { tooEarlyReason: reason, underMinimumApproval: { username: 'ben', password: 'ben-pass-1' } } }), 'forbidden');
    expect(notAdmin.reason).toEqual({ code: 'approval.not-admin', params: { username: 'ben' } });
    await expectCoreError(h.service.start(CLINICIAN, { patientId: 1, intake: { tooEarlyReason: reason, underMinimumApproval: { username: 'root', password: 'wrong' } } }), 'unauthenticated');
    const v = await h.service.start(CLINICIAN, { patientId: 1, intake: { tooEarlyReason: reason, underMinimumApproval: { username: 'root', password: 'root-pass-1' } } });
    const step = h.db.prepare("SELECT detail FROM session_steps WHERE session_id = ? AND event = 'INTAKE_DONE'").get(v.id) as { detail: string };
    expect(JSON.parse(step.detail).underMinimumApproval).toMatchObject({ username: 'root', reason: { code: 'interval.under-serum-minimum' } });
    expect(v.warnings).toContainEqual(expect.objectContaining({ code: 'intake.approved-under-minimum', params: expect.objectContaining({ username: 'root' }) }));
  });
});

describe('thermotherapy', () => {
  it('stores start/pause/resume/end and derives what is left (defaults 10 and 5 minutes)', async () => {
    h = await makeHarness();
    const { id } = await h.service.start(CLINICIAN, { patientId: 1, intake: {} });
    const t0 = h.clock.now();
    let v = await h.service.thermo(CLINICIAN, { sessionId: id, stage: 'steam' }, 'start');
    expect(v.thermo.steam.plannedMs).toBe(600_000);
    h.clock.advance(120_000);
    v = await h.service.thermo(CLINICIAN, { sessionId: id, stage: 'steam' }, 'pause');
    h.clock.advance(300_000);
    v = h.service.get(id);
    expect(v.thermo.steam.remainingMs).toBe(480_000);
    expect(v.thermo.steam.pausedAt).toBe(t0 + 120_000);
    await expectCoreError(h.service.thermo(CLINICIAN, { sessionId: id, stage: 'steam' }, 'pause'), 'blocked', 'session.step-not-now');
    await h.service.thermo(CLINICIAN, { sessionId: id, stage: 'steam' }, 'resume');
    h.clock.advance(60_000);
    expect(h.service.get(id).thermo.steam.remainingMs).toBe(420_000);
    await tickChecklist(h, id, 'steam');
    h.clock.advance(420_000);
    v = await h.service.completeThermo(CLINICIAN, { sessionId: id, stage: 'steam' });
    expect(v.thermo.steam.endedAt).toBe(t0 + 900_000);
    expect(v.thermo.steam.shortened).toBeNull();
    expect(v.thermo.steam.pauses).toEqual([{ at: t0 + 120_000, resumedAt: t0 + 420_000 }]);
    expect(v.step).toBe('massage.ready');
    v = await h.service.thermo(CLINICIAN, { sessionId: id, stage: 'massage' }, 'start');
    expect(v.thermo.massage.plannedMs).toBe(300_000);
  });

  it('skipping needs an admin to re-enter credentials and is flagged in the record', async () => {
    h = await makeHarness();
    const { id } = await h.service.start(CLINICIAN, { patientId: 1, intake: {} });
    await expectCoreError(h.service.skipThermo(CLINICIAN, { sessionId: id, reason: 'patient declines steam', admin: { username: 'ben', password: 'ben-pass-1' } }), 'forbidden', { reason: 'approval.not-admin', params: { username: 'ben' } });
    await expectCoreError(h.service.skipThermo(CLINICIAN, { sessionId: id, reason: 'patient declines steam', admin: { username: 'root', password: 'nope' } }), 'unauthenticated');
    const v = await h.service.skipThermo(CLINICIAN, { sessionId: id, reason: 'patient declines steam', admin: { username: 'root', password: 'root-pass-1' } });
    expect(v.phase).toBe('preparation');
    expect(v.thermo.skipped).toMatchObject({ reason: 'patient declines steam', approvedBy: 'root' });
    const audit = h.db.prepare("SELECT reason, new_value FROM audit_log WHERE action = 'session.thermo-skip'").get() as { reason: string; new_value: string };
    expect(audit.reason).toBe('patient declines steam');
    expect(JSON.parse(audit.new_value)).toMatchObject({ approvedBy: 'root', approvedByUserId: ADMIN.userId });
  });
});

describe('preparation checks', () => {
  async function inPreparation(patientId = 1): Promise<number> {
    const { id } = await h.service.start(CLINICIAN, { patientId, intake: {} });
    await h.service.skipThermo(CLINICIAN, { sessionId: id, reason: 'test set-up', admin: { username: 'root', password: 'root-pass-1' } });
    return id;
  }

  it('blocks an expired lot, an allergen and an expiry that does not match the vial, with the message', async () => {
    h = await makeHarness();
    let id = await inPreparation();
    await expectCoreError(h.service.prepare(CLINICIAN, { sessionId: id, serum: { serumVersionId: 1, lotNumber: 'OLD-1', expiry: '2020-01-31' } }), 'blocked', { reason: 'lot.expired', params: { expiry: '2020-01-31' } });
    await expectCoreError(h.service.prepare(CLINICIAN, { sessionId: id, serum: { serumVersionId: 1, lotNumber: 'L-2025-01', expiry: '2098-12-31' } }), 'blocked', 'lot.expiry-mismatch');
    await expectCoreError(h.service.prepare(CLINICIAN, { sessionId: id, serum: { serumVersionId: 1, lotNumber: 'NOPE', expiry: '2099-12-31' } }), 'blocked', 'lot.not-in-library');
    await h.service.abort(CLINICIAN, { sessionId: id, reason: 'next test' });
    id = await inPreparation(2);
    await expectCoreError(h.service.prepare(CLINICIAN, { sessionId: id, serum: { serumVersionId: 2, lotNumber: 'LD-7', expiry: '2099-12-31' } }), 'blocked', { reason: 'serum.allergen', params: { allergy: 'lidocaine' } });
    expect(h.service.get(id).serum).toBeNull();
  });

  it('needs the profile echoed unchanged by the gun', async () => {
    h = await makeHarness();
    const id = await inPreparation();
    await h.service.prepare(CLINICIAN, { sessionId: id, serum: { serumVersionId: 1, lotNumber: 'L-2025-01', expiry: '2099-12-31' }, needleNewConfirmed: true });
    h.gun.echoTamper = (p) => ({ ...p, doseNl: p.doseNl + 1000 });
    await expectCoreError(h.service.setProfile(CLINICIAN, { sessionId: id, profile: PROFILE }), 'gun', 'gun.profile-echo-mismatch');
    h.gun.echoTamper = null;
    h.gun.connected = false;
    await expectCoreError(h.service.setProfile(CLINICIAN, { sessionId: id, profile: PROFILE }), 'gun', 'gun.not-connected');
    h.gun.connected = true;
    await h.service.setProfile(CLINICIAN, { sessionId: id, profile: PROFILE });
    const v = await h.service.prepare(CLINICIAN, { sessionId: id, primed: true });
    expect(v.phase).toBe('mesotherapy');
    expect(v.zones.find((z) => z.zone === 'frontal')?.targetNl).toBe(50_000);
  });

  it('writes the serum and the needle given in one call together or not at all: a failure at the needle leaves no serum chosen, even after a restart', async () => {
    h = await makeHarness();
    const id = await inPreparation();
    const serumColumn = () => (h.db.prepare('SELECT serum_version_id AS v FROM clinical_sessions WHERE id = ?').get(id) as { v: number | null }).v;
    const steps = () => (h.db.prepare("SELECT event FROM session_steps WHERE session_id = ? AND event IN ('SERUM_CHOSEN', 'NEEDLE_CONFIRMED') ORDER BY id").all(id) as { event: string }[]).map((r) => r.event);
    // The database refuses the needle's audit row, as a crash between the two writes would leave it.
    const append = h.audit.append.bind(h.audit);
    const spy = vi.spyOn(h.audit, 'append').mockImplementation((e) => {
      if (e.action === 'session.needle-confirmed') throw new Error('disk I/O error');
      return append(e);
    });
    // The error injected above comes back unchanged (not turned into a refusal that hides it).
    await expect(h.service.prepare(CLINICIAN, { sessionId: id, serum: { serumVersionId: 1, lotNumber: 'L-2025-01', expiry: '2099-12-31' }, needleNewConfirmed: true })).rejects.toThrow(/disk I\/O error/);
    spy.mockRestore();
    expect(serumColumn()).toBeNull();
    expect(steps()).toEqual([]);
    let v = h.service.get(id);
    expect([v.serum, v.needleConfirmedAt]).toEqual([null, null]);
    h = await h.restart();
    v = h.service.get(id);
    expect([v.phase, v.serum, v.needleConfirmedAt]).toEqual(['preparation', null, null]);
    // Given again, both are written.
    v = await h.service.prepare(CLINICIAN, { sessionId: id, serum: { serumVersionId: 1, lotNumber: 'L-2025-01', expiry: '2099-12-31' }, needleNewConfirmed: true });
    expect(v.serum?.lotNumber).toBe('L-2025-01');
    expect(v.needleConfirmedAt).not.toBeNull();
    expect(steps()).toEqual(['SERUM_CHOSEN', 'NEEDLE_CONFIRMED']);
  });
});

describe('abort', () => {
  it('disarms the gun first, then records the abort with its reason', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'frontal');
    expect(h.gun.armed).toBe(true);
    h.gun.calls.length = 0;
    const order: string[] = [];
    h.bus.on('workflow.event', (e) => e.type === 'session.changed' && order.push(`${e.phase}:${h.gun.armed ? 'armed' : 'disarmed'}`));
    const v = await h.service.abort(CLINICIAN, { sessionId: id, reason: 'patient felt faint' });
    expect(h.gun.calls[0]).toBe('disarm');
    expect(h.gun.armed).toBe(false);
    expect(order).toEqual(['mesotherapy:disarmed', 'aborted:disarmed']);
    expect(v.phase).toBe('aborted');
    expect(v.abort).toMatchObject({ reason: 'patient felt faint', phase: 'mesotherapy' });
    await expectCoreError(h.service.arm(CLINICIAN, { sessionId: id }), 'blocked', { reason: 'session.closed', params: { status: 'aborted' } });
  });
});

describe('the gun on its own', () => {
  it('a lost link while armed is recorded as a disarm; shots replayed after the reconnect still count', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'mid_scalp');
    await h.gun.fire(2);
    const inFlight = h.gun.makeRecord();
    h.gun.armed = false;
    h.gun.connected = false;
    h.service.handleGunDisconnected();
    await h.service.whenIdle();
    let v = h.service.get(id);
    expect(v.armed).toBe(false);
    const last = h.db.prepare("SELECT detail FROM session_steps WHERE event = 'DISARMED' ORDER BY id DESC").get() as { detail: string | null };
    expect(last).toBeDefined();
    await expectCoreError(h.service.sign(CLINICIAN, { sessionId: id, password: 'ana-pass-1' }), 'blocked');
    h.gun.connected = true;
    h.service.handleGunStatus('MG-0001', await h.gun.status());
    await h.ledger.commit([inFlight]);
    v = h.service.get(id);
    expect(v.zones.find((z) => z.zone === 'mid_scalp')?.shots).toBe(3);
    await h.service.closing(CLINICIAN, { sessionId: id, oilSerumApplied: true, aftercareGiven: true });
    expect((await h.service.sign(CLINICIAN, { sessionId: id, password: 'ana-pass-1' })).phase).toBe('signed');
  });

  it('a record still owed by the gun holds the signature back', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'vertex');
    await h.gun.fire(1);
    h.gun.makeRecord(); // fired, never delivered yet
    await h.service.disarm(CLINICIAN, { sessionId: id });
    await h.service.closing(CLINICIAN, { sessionId: id, oilSerumApplied: true, aftercareGiven: true });
    await expectCoreError(h.service.sign(CLINICIAN, { sessionId: id, password: 'ana-pass-1' }), 'blocked', { reason: 'session.records-missing', params: { count: 1 } });
  });
});

describe('after signing', () => {
  it('takes corrections only as addenda; the record itself cannot change', async () => {
    h = await makeHarness();
    const { id } = await h.service.start(CLINICIAN, { patientId: 1, intake: {} });
    await expectCoreError(h.service.addendum(CLINICIAN, { sessionId: id, text: 'x', reason: 'too early' }), 'blocked', 'session.still-open');
    await h.service.abort(CLINICIAN, { sessionId: id, reason: 'wrong patient chosen' });
    const v = await h.service.addendum(OTHER_CLINICIAN, { sessionId: id, text: 'Session opened for the wrong patient; no treatment given.', reason: 'clarify record' });
    expect(v.addenda).toHaveLength(1);
    expect(v.addenda[0]).toMatchObject({ username: 'ben', reason: 'clarify record' });
    // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
    expect(() => h.db.prepare("UPDATE clinical_sessions SET phase = 'review' WHERE id = ?").run(id)).toThrow(/never edited/);
    expect(() => h.db.prepare('DELETE FROM session_addenda').run()).toThrow(/never deleted/);
  });

  it('is signed only by the performing clinician, with the right password', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await h.service.closing(CLINICIAN, { sessionId: id, oilSerumApplied: true, aftercareGiven: true });
    await expectCoreError(h.service.sign(OTHER_CLINICIAN, { sessionId: id, password: 'ben-pass-1' }), 'forbidden');
    await expectCoreError(h.service.sign(CLINICIAN, { sessionId: id, password: 'wrong' }), 'unauthenticated');
    await expectCoreError(h.service.sign(CLINICIAN, { sessionId: id, password: 'ana-pass-1', reviewedBy: { username: 'ana', password: 'ana-pass-1' } }), 'validation');
    expect(h.service.get(id).phase).toBe('review');
    expect((await h.service.sign(CLINICIAN, { sessionId: id, password: 'ana-pass-1' })).phase).toBe('signed');
  });
});

async function toMesotherapyFrom(hh: Harness, id: number): Promise<number> {
  for (const stage of ['steam', 'massage'] as const) await runThermoStage(hh, id, stage);
  await hh.service.prepare(CLINICIAN, { sessionId: id, serum: { serumVersionId: 1, lotNumber: 'L-2025-01', expiry: '2099-12-31' }, needleNewConfirmed: true });
  await hh.service.setProfile(CLINICIAN, { sessionId: id, profile: PROFILE });
  await hh.service.prepare(CLINICIAN, { sessionId: id, primed: true });
  return id;
}
