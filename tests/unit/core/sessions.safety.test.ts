// Dose-safety findings from review: the ARM budget and the pessimistic station check (C1), a failed
// ledger commit or a gun fault stops the gun and is recorded (C2), doses owed to an aborted session
// (M1), disarming from anywhere (M5), limits that cannot be loaded (M6), and arming that must match
// what the gun holds.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GunStatus } from '../../../device/link/index.js';
import type { WorkflowEvent } from '../../../electron/contract/sessions.js';
import { consoleLogger } from '../../../electron/core/logger.js';
import { ADMIN, CLINICIAN, FakeLink, FakeSerum, PROFILE, SERUM_V1, armIn, attachLink, count, expectCoreError, makeHarness, toMesotherapy, type Harness } from './sessionsHarness.js';

let h: Harness;
afterEach(() => {
  vi.restoreAllMocks();
  h?.close();
});

function statusOf(h: Harness, over: Partial<GunStatus> = {}): GunStatus {
  return { armed: h.gun.armed, authenticated: true, reservoirNl: 5_000_000, batteryPct: 90, needleSeated: true, faults: [], gunTimeMs: h.clock.now(), lastRecordId: h.gun.lastRecordId, ...over };
}

const events = (hh: Harness) => {
  const out: WorkflowEvent[] = [];
  hh.bus.on('workflow.event', (e) => out.push(e));
  return out;
};

describe('C1: the budget the gun is armed with', () => {
  it('is the room left under every limit that would stop the next shot', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'vertex');
    // Zone soft 100 uL (not acknowledged) is the tightest.
    expect(h.gun.budgets).toEqual([SERUM_V1.zoneVolume.softMaxNl]);
    await h.gun.fire(2);
    await h.service.disarm(CLINICIAN, { sessionId: id });
    await h.service.arm(CLINICIAN, { sessionId: id });
    expect(h.gun.budgets[1]).toBe(SERUM_V1.zoneVolume.softMaxNl - 2 * PROFILE.doseNl);
    expect(h.service.get(id).armed).toBe(true);
  });

  it('records lost on the line: the gun stops itself at its budget; the stop is recorded; delivery stays within one shot', async () => {
    h = await makeHarness();
    h.serum.versions.set(1, { ...SERUM_V1, zoneVolume: { softMaxNl: 150_000, hardMaxNl: 150_000 } });
    const id = await toMesotherapy(h);
    const seen = events(h);
    h.gun.deliveryFactor = 1.1; // the syringe's worst case
    await armIn(h, id, 'vertex');
    expect(h.gun.budgets).toEqual([150_000]);
    // Not one record reaches the station: only the gun's budget can stop it.
    const late = h.gun.fireWithheld(20);
    expect(late).toHaveLength(6); // 6 x 22 uL = 132 uL; a seventh 20 uL shot no longer fits
    expect(h.gun.armed).toBe(false);
    expect(h.gun.budgetRefusals).toBe(1);
    // The gun's STATUS (armed false) arrives before the records: the stop is recorded as a hard stop.
    h.service.handleGunStatus(h.gun.serial, statusOf(h));
    await h.service.whenIdle();
    for (const r of late) await h.ledger.commit([r]);
    await h.service.whenIdle();
    const v = h.service.get(id);
    const vertex = v.zones.find((z) => z.zone === 'vertex')!;
    expect(vertex.deliveredNl).toBe(132_000);
    expect(vertex.deliveredNl).toBeLessThanOrEqual(150_000 + PROFILE.doseNl);
    expect(v.armed).toBe(false);
    expect(v.limitEvents.map((e) => e.kind)).toEqual(['hard_stop']);
    expect(v.limitEvents[0]!.detail).toMatch(/not yet received/);
    expect(seen).toContainEqual(expect.objectContaining({ type: 'gun.stopped', reason: 'budget', sessionId: id }));
    await expectCoreError(h.service.arm(CLINICIAN, { sessionId: id }), 'blocked', 'limit.hard');
  });

  it('the station check counts records the gun reports but the ledger lacks, at +10 % each', async () => {
    h = await makeHarness();
    h.serum.versions.set(1, { ...SERUM_V1, zoneVolume: { softMaxNl: 150_000, hardMaxNl: 150_000 } });
    const id = await toMesotherapy(h);
    await armIn(h, id, 'vertex');
    await h.gun.fire(4); // 80 uL held
    h.gun.fireWithheld(2); // 120 uL delivered, 80 uL known
    h.service.handleGunStatus(h.gun.serial, statusOf(h));
    await h.service.whenIdle();
    // 80 + 2 x 22 + 20 = 144 uL <= 150: the next shot may go.
    expect(h.gun.armed).toBe(true);
    h.gun.fireWithheld(1); // 140 uL delivered: one more would pass 150
    h.service.handleGunStatus(h.gun.serial, statusOf(h));
    await h.service.whenIdle();
    expect(h.gun.armed).toBe(false);
    expect(h.service.get(id).limitEvents.map((e) => `${e.kind}/${e.scope}`)).toEqual(['hard_stop/zone']);
  });

  it('arming counts records still on their way: the budget shrinks by 110 % of each', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'vertex');
    await h.gun.fire(1);
    const late = h.gun.fireWithheld(1);
    await h.service.disarm(CLINICIAN, { sessionId: id });
    await h.service.arm(CLINICIAN, { sessionId: id });
    expect(h.gun.budgets[1]).toBe(SERUM_V1.zoneVolume.softMaxNl - PROFILE.doseNl - Math.ceil(PROFILE.doseNl * 1.1));
    await h.ledger.commit(late);
  });

  it('arming needs the gun to hold the session profile', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    h.gun.profile = { ...PROFILE, doseNl: 40_000 }; // set from elsewhere, or lost on a reconnect
    await h.service.selectZone(CLINICIAN, { sessionId: id, zone: 'vertex' });
    await expectCoreError(h.service.arm(CLINICIAN, { sessionId: id }), 'gun', 'gun.profile-lost');
    expect(h.gun.calls).not.toContain('arm');
  });

  it('an arm whose answer was lost keeps its window for the shots the gun may fire, and tells the gun to disarm', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await h.service.selectZone(CLINICIAN, { sessionId: id, zone: 'occipital' });
    h.gun.armAnswerLost = true;
    const armedAt = h.clock.now();
    await expectCoreError(h.service.arm(CLINICIAN, { sessionId: id }), 'gun', 'gun.arm-unconfirmed');
    expect(h.gun.calls.slice(-3)).toEqual(['arm', 'disarm', 'status']);
    expect(h.service.get(id).armed).toBe(false);
    // A shot fired between the lost ACK and the DISARM is still this session's, in that zone.
    await h.ledger.commit([h.gun.makeRecord(null, armedAt)]);
    expect(h.service.get(id).zones.find((z) => z.zone === 'occipital')?.shots).toBe(1);
    expect(h.service.unattributed(10, 0)).toEqual([]);
  });
});

describe('C2: a failed ledger commit or a gun fault stops the gun', () => {
  it('commit-failed disarms at once, alerts, records it, and blocks arming until a commit succeeds', async () => {
    h = await makeHarness();
    const link = new FakeLink(h);
    attachLink(h, link);
    const id = await toMesotherapy(h);
    const seen = events(h);
    await armIn(h, id, 'vertex');
    await h.gun.fire(1);
    link.raise('commit-failed', { error: new Error('SQLITE_FULL: database or disk is full') });
    // The DISARM went out synchronously, before any queued step.
    expect(h.gun.calls.at(-1)).toBe('disarm');
    expect(h.gun.armed).toBe(false);
    await h.service.whenIdle();
    const v = h.service.get(id);
    expect(v.armed).toBe(false);
    expect(seen).toContainEqual(expect.objectContaining({ type: 'gun.stopped', reason: 'commit-failed', sessionId: id, what: { code: 'stop.commit-failed', params: { disarmFailed: false } } }));
    expect(count(h.db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'gun.stopped'")).toBe(1);
    await expectCoreError(h.service.arm(CLINICIAN, { sessionId: id }), 'blocked', 'session.ledger-failed');
    // The re-sent record stores: the limits see again, arming may go on.
    await h.ledger.commit([h.gun.makeRecord()]);
    await h.service.arm(CLINICIAN, { sessionId: id });
    expect(h.gun.armed).toBe(true);
  });

  it('when the disk is full the stop still happens, and is logged without patient data', async () => {
    h = await makeHarness();
    const link = new FakeLink(h);
    attachLink(h, link);
    const id = await toMesotherapy(h);
    await armIn(h, id, 'vertex');
    const logged = vi.spyOn(consoleLogger, 'error').mockImplementation(() => undefined);
    vi.spyOn(h.audit, 'append').mockImplementation(() => {
      throw new Error('SQLITE_FULL: database or disk is full');
    });
    link.raise('commit-failed', { error: new Error('SQLITE_FULL: database or disk is full') });
    await h.service.whenIdle();
    expect(h.gun.armed).toBe(false);
    expect(logged).toHaveBeenCalledWith('gun stopped: dose ledger commit failed; the stop could not be recorded', expect.any(Object));
    const detail = logged.mock.calls[0]![1];
    expect(Object.keys(detail).sort()).toEqual(['commitError', 'disarmAcknowledged', 'recordError', 'sessionId']);
    // Once the disk is back, the clinician's disarm records the stop on the session.
    vi.mocked(h.audit.append).mockRestore();
    await h.service.disarm(CLINICIAN, { sessionId: id });
    expect(h.service.get(id).armed).toBe(false);
    expect(count(h.db, 'SELECT COUNT(*) AS n FROM arm_windows WHERE disarmed_at IS NULL')).toBe(0);
  });

  it('a blocking fault while armed is recorded on the session; a warning is not', async () => {
    h = await makeHarness();
    const link = new FakeLink(h);
    attachLink(h, link);
    const id = await toMesotherapy(h);
    const seen = events(h);
    await armIn(h, id, 'vertex');
    link.raise('fault', { fault: 'lowBattery', active: true, detail: 'battery 10 %' });
    await h.service.whenIdle();
    expect(h.service.get(id).armed).toBe(true);
    h.gun.armed = false; // the gun disarms itself on a blocking fault
    link.raise('fault', { fault: 'occlusion', active: true, detail: 'line pressure too high' });
    await h.service.whenIdle();
    expect(h.service.get(id).armed).toBe(false);
    const step = h.db.prepare("SELECT detail FROM session_steps WHERE session_id = ? AND event = 'DISARMED' ORDER BY id DESC").get(id) as { detail: string };
    expect(JSON.parse(step.detail)).toEqual({ fault: 'occlusion' });
    expect(seen).toContainEqual(expect.objectContaining({ type: 'gun.stopped', reason: 'fault', sessionId: id, what: { code: 'stop.fault', params: { fault: 'occlusion' } } }));
  });
});

describe('M1: doses the gun still owes an aborted session', () => {
  it('a record replayed after the abort is attributed to the aborted session; later ones are not', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'vertex');
    await h.gun.fire(1);
    const owed = h.gun.fireWithheld(2);
    h.gun.connected = false; // unplugged before the records arrived
    h.service.handleGunDisconnected();
    await h.service.whenIdle();
    await h.service.abort(CLINICIAN, { sessionId: id, reason: 'patient felt faint' });
    h.gun.connected = true;
    await h.ledger.commit(owed); // replayed after the reconnect
    const v = h.service.get(id);
    expect(v.status).toBe('aborted');
    expect(v.totalShots).toBe(3);
    expect(v.zones.find((z) => z.zone === 'vertex')?.shots).toBe(3);
    expect(h.service.unattributed(10, 0)).toEqual([]);
    // The gun reports itself disarmed: the aborted session's window is bounded; a rogue shot is not its.
    h.service.handleGunStatus(h.gun.serial, statusOf(h));
    await h.gun.rogueShot();
    expect(h.service.unattributed(10, 0)).toHaveLength(1);
    expect(h.service.get(id).totalShots).toBe(3);
  });
});

describe('M5: disarming from anywhere', () => {
  it('gun disarm without a session tells the gun and audits who did it', async () => {
    h = await makeHarness();
    const r = await h.service.disarmGun({ actor: ADMIN, cause: 'stop' });
    expect(r.acknowledged).toBe(true);
    expect(h.gun.calls).toEqual(['disarm']);
    const row = h.db.prepare("SELECT user_id AS userId, entity FROM audit_log WHERE action = 'gun.disarm'").get() as { userId: number; entity: string };
    expect(row).toMatchObject({ userId: ADMIN.userId, entity: 'gun' });
  });

  it('gun disarm with a session armed records the disarm on the session', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'vertex');
    await h.service.disarmGun({ actor: CLINICIAN, cause: 'stop' });
    expect(h.gun.armed).toBe(false);
    const v = h.service.get(id);
    expect(v.armed).toBe(false);
    expect(count(h.db, "SELECT COUNT(*) AS n FROM session_steps WHERE session_id = ? AND event = 'DISARMED'", id)).toBe(1);
    expect(count(h.db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'gun.disarm'")).toBe(1);
  });

  it('a stop pressed at a locked station disarms and is audited as the station, with the user the screen was locked for', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'vertex');
    const r = await h.service.disarmGun({ actor: null, systemActor: 'station:locked', screenUser: CLINICIAN.username, cause: 'stop' });
    expect(r.acknowledged).toBe(true);
    expect(h.gun.armed).toBe(false);
    expect(h.service.get(id).armed).toBe(false);
    const row = h.db.prepare("SELECT user_id AS userId, username, entity, entity_id AS entityId, new_value AS newValue FROM audit_log WHERE action = 'gun.disarm'").get() as {
      userId: number | null;
      username: string | null;
      entity: string;
      entityId: string;
      newValue: string;
    };
    expect(row).toMatchObject({ userId: null, username: 'station:locked', entity: 'clinical_session', entityId: String(id) });
    expect(JSON.parse(row.newValue)).toEqual({ cause: 'stop', acknowledged: true, sessionId: id, screenUser: CLINICIAN.username });
    const step = h.db.prepare("SELECT user_id AS userId, detail FROM session_steps WHERE session_id = ? AND event = 'DISARMED'").get(id) as { userId: number | null; detail: string };
    expect(step.userId).toBeNull();
    expect(JSON.parse(step.detail)).toEqual({ cause: 'stop' });
  });

  it('sessions.disarm tells the gun in any phase', async () => {
    h = await makeHarness();
    const s = await h.service.start(CLINICIAN, { patientId: 1, intake: {} });
    await h.service.disarm(CLINICIAN, { sessionId: s.id });
    expect(h.gun.calls).toContain('disarm');
  });
});

describe('M6: limits that cannot be loaded', () => {
  it('arming is refused when the serum version cannot be read', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    const broken = new FakeSerum();
    broken.versions.delete(1);
    h = await h.restart(broken);
    await h.service.selectZone(CLINICIAN, { sessionId: id, zone: 'vertex' });
    await expectCoreError(h.service.arm(CLINICIAN, { sessionId: id }), 'blocked', 'session.limits-unavailable');
    expect(h.gun.calls).not.toContain('arm');
  });
});
