import { afterEach, describe, expect, it } from 'vitest';
import type { WorkflowEvent } from '../../../electron/contract/sessions.js';
import { armBudgetNl, nextShotProblems, pessimisticShotNl, type VolumeLimits } from '../../../electron/core/sessions/limits.js';
import { CLINICIAN, PROFILE, SERUM_V1, armIn, count, expectCoreError, makeHarness, toMesotherapy, type Harness } from './sessionsHarness.js';

let h: Harness;
afterEach(() => h?.close());

const LIMITS: VolumeLimits = { zoneSoftNl: 100_000, zoneHardNl: 150_000, sessionSoftNl: 400_000, sessionHardNl: 500_000 };

describe('next-shot rule', () => {
  const base = { zone: 'vertex' as const, doseNl: 20_000, limits: LIMITS, acked: { zone: false, session: false } };
  it('stops before the shot that would cross, not after', () => {
    expect(nextShotProblems({ ...base, zoneTotalNl: 80_000, sessionTotalNl: 80_000 })).toEqual([]);
    expect(nextShotProblems({ ...base, zoneTotalNl: 100_000, sessionTotalNl: 100_000 }).map((p) => `${p.kind}/${p.scope}`)).toEqual(['soft/zone']);
    expect(nextShotProblems({ ...base, zoneTotalNl: 140_000, sessionTotalNl: 140_000 }).map((p) => `${p.kind}/${p.scope}`)).toEqual(['hard/zone']);
    expect(nextShotProblems({ ...base, zoneTotalNl: 0, sessionTotalNl: 490_000 }).map((p) => `${p.kind}/${p.scope}`)).toEqual(['hard/session']);
  });
  it('an acknowledged soft limit no longer stops; a hard one always does', () => {
    expect(nextShotProblems({ ...base, zoneTotalNl: 100_000, sessionTotalNl: 100_000, acked: { zone: true, session: false } })).toEqual([]);
    expect(nextShotProblems({ ...base, zoneTotalNl: 140_000, sessionTotalNl: 140_000, acked: { zone: true, session: true } })).toHaveLength(1);
  });
  it('compares whole nL: 1 nL under a 1,500 µL hard limit still fits; its message reads 1,499.6 µL, not 1500', () => {
    const limits: VolumeLimits = { zoneSoftNl: 1_400_000, zoneHardNl: 1_500_000, sessionSoftNl: 4_000_000, sessionHardNl: 5_000_000 };
    const at = { zone: 'vertex' as const, limits, acked: { zone: true, session: false }, sessionTotalNl: 0 };
    expect(nextShotProblems({ ...at, zoneTotalNl: 1_479_999, doseNl: 20_000 })).toEqual([]);
    expect(nextShotProblems({ ...at, zoneTotalNl: 1_480_000, doseNl: 20_000 })).toEqual([]);
    const [stop] = nextShotProblems({ ...at, zoneTotalNl: 1_480_001, doseNl: 20_000 });
    expect(stop).toMatchObject({ kind: 'hard', totalNl: 1_480_001, limitNl: 1_500_000 });
    const [near] = nextShotProblems({ ...at, zoneTotalNl: 1_499_600, doseNl: 20_000 });
    expect(near!.message).toBe('zone vertex: 1,499.6\u00a0µL delivered; one more 20.0\u00a0µL shot would pass the hard limit 1,500.0\u00a0µL');
    expect(armBudgetNl({ ...at, zoneTotalNl: 1_499_600 })).toBe(400);
  });
  it('refuses a fractional figure (callers stop the gun) instead of comparing floats', () => {
    expect(() => nextShotProblems({ ...base, zoneTotalNl: 80_000.5, sessionTotalNl: 80_000 })).toThrow(RangeError);
    // requireWhole's RangeError (a caller's bug, no code) names the limit that was not whole.
    expect(() => armBudgetNl({ ...base, zoneTotalNl: 0, sessionTotalNl: 0, limits: { ...LIMITS, zoneHardNl: 150_000.25 } })).toThrow(/zone hard limit/);
  });
  it('counts a record not yet received at the dose plus 10 %, in integer nL', () => {
    expect(pessimisticShotNl(20_000)).toBe(22_000);
    expect(pessimisticShotNl(5_130)).toBe(5_643);
    expect(pessimisticShotNl(5_131)).toBe(5_645);
  });
});

describe('volume limits with the gun', () => {
  it('hard zone limit: disarms before the next shot; nothing beyond one shot over is attributed', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    const stops: WorkflowEvent[] = [];
    h.bus.on('workflow.event', (e) => e.type === 'limit.stop' && stops.push(e));
    await armIn(h, id, 'vertex');
    await h.gun.fire(5); // 100 uL: the next shot would pass the 100 uL soft limit
    await h.service.whenIdle();
    expect(h.gun.armed).toBe(false);
    expect(stops).toEqual([expect.objectContaining({ kind: 'soft_stop', scope: 'zone', zone: 'vertex' })]);
    await expectCoreError(h.service.arm(CLINICIAN, { sessionId: id }), 'blocked', 'limit.soft');
    await h.service.ackSoftLimit(CLINICIAN, { sessionId: id, scope: 'zone', zone: 'vertex', reason: 'thin crown, plan agreed with patient' });
    await h.service.arm(CLINICIAN, { sessionId: id });
    // Two shots reach 140 uL; the gun (one shot in flight when DISARM arrives) fires a third.
    h.gun.inFlightOnDisarm = 1;
    await h.gun.fire(10);
    await h.service.whenIdle();
    expect(h.gun.armed).toBe(false);
    // A misbehaving gun keeps sending shots after the stop: kept, but not counted against the patient.
    await h.gun.rogueShot();
    await h.gun.rogueShot();
    await h.service.whenIdle();
    const v = h.service.get(id);
    const vertex = v.zones.find((z) => z.zone === 'vertex')!;
    expect(vertex.deliveredNl).toBeLessThanOrEqual(SERUM_V1.zoneVolume.hardMaxNl + PROFILE.doseNl);
    expect(vertex.deliveredNl).toBe(160_000);
    expect(h.service.unattributed(10, 0)).toHaveLength(2);
    expect(v.armed).toBe(false);
    expect(v.limitEvents.map((e) => e.kind)).toEqual(['soft_stop', 'soft_ack', 'hard_stop']);
    expect(v.limitEvents[1]!.reason).toBe('thin crown, plan agreed with patient');
    // Arming again in this zone is refused at the hard limit, and the refusal is counted.
    await expectCoreError(h.service.arm(CLINICIAN, { sessionId: id }), 'blocked', 'limit.hard');
    expect(count(h.db, "SELECT COUNT(*) AS n FROM limit_events WHERE kind = 'hard_block'")).toBe(1);
    // Another zone is still fine.
    await armIn(h, id, 'frontal');
    expect(h.gun.armed).toBe(true);
  });

  it('hard session limit stops across zones', async () => {
    h = await makeHarness();
    h.serum.versions.set(1, { ...SERUM_V1, zoneVolume: { softMaxNl: 1_000_000, hardMaxNl: 2_000_000 }, sessionVolume: { softMaxNl: 1_000_000, hardMaxNl: 110_000 } });
    const id = await toMesotherapy(h);
    await armIn(h, id, 'frontal');
    await h.gun.fire(3);
    await h.service.disarm(CLINICIAN, { sessionId: id });
    await armIn(h, id, 'vertex');
    await h.gun.fire(10);
    await h.service.whenIdle();
    const v = h.service.get(id);
    expect(v.totalDeliveredNl).toBe(100_000);
    expect(v.limitEvents.map((e) => `${e.kind}/${e.scope}`)).toEqual(['hard_stop/session']);
    expect(h.gun.armed).toBe(false);
  });

  it('soft session limit needs its own acknowledgement', async () => {
    h = await makeHarness();
    h.serum.versions.set(1, { ...SERUM_V1, zoneVolume: { softMaxNl: 1_000_000, hardMaxNl: 2_000_000 }, sessionVolume: { softMaxNl: 40_000, hardMaxNl: 500_000 } });
    const id = await toMesotherapy(h);
    await armIn(h, id, 'frontal');
    await h.gun.fire(5);
    await h.service.whenIdle();
    expect(h.service.get(id).totalShots).toBe(2);
    expect(h.service.get(id).softAcksNeeded).toEqual([expect.objectContaining({ scope: 'session' })]);
    await expectCoreError(h.service.ackSoftLimit(CLINICIAN, { sessionId: id, scope: 'zone', zone: 'frontal', reason: 'wrong scope' }), 'blocked', 'session.no-soft-limit');
    await h.service.ackSoftLimit(CLINICIAN, { sessionId: id, scope: 'session', reason: 'second pass planned' });
    await h.service.arm(CLINICIAN, { sessionId: id });
    await h.gun.fire(2);
    expect(h.service.get(id).totalShots).toBe(4);
  });

  it('per-shot limits are checked on the profile before the gun sees it', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    h.gun.calls.length = 0;
    await expectCoreError(h.service.setProfile(CLINICIAN, { sessionId: id, profile: { ...PROFILE, doseNl: 120_000 } }), 'blocked', { reason: 'profile.dose-outside', params: { band: 'hard' } });
    await expectCoreError(h.service.setProfile(CLINICIAN, { sessionId: id, profile: { ...PROFILE, mode: 'retrograde' } }), 'blocked', 'profile.mode-not-allowed');
    const soft = await expectCoreError(h.service.setProfile(CLINICIAN, { sessionId: id, profile: { ...PROFILE, doseNl: 60_000 } }), 'blocked', { reason: 'profile.dose-outside', params: { band: 'soft' } });
    expect(soft.field).toBe('softOverrideReason');
    expect(h.gun.calls).not.toContain('setProfile');
    expect(count(h.db, "SELECT COUNT(*) AS n FROM limit_events WHERE kind = 'near_miss'")).toBe(2);
    const v = await h.service.setProfile(CLINICIAN, { sessionId: id, profile: { ...PROFILE, doseNl: 60_000 }, softOverrideReason: 'dense hair, larger papules' });
    expect(v.profile?.doseNl).toBe(60_000);
    expect(v.limitEvents.at(-1)).toMatchObject({ kind: 'soft_ack', scope: 'shot', reason: 'dense hair, larger papules' });
    // The gun's own limits come first, as a validation error on the field.
    const e = await expectCoreError(h.service.setProfile(CLINICIAN, { sessionId: id, profile: { ...PROFILE, doseNl: 1_000 } }), 'validation');
    expect(e.field).toBe('profile.doseNl');
  });
});
