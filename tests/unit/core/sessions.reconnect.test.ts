// After the gun reconnects it holds no profile: the core sends the session's own back by itself (from
// the link's 'state' event), so arming works without the clinician; a failed re-send is shown on the
// session. Also the admin's shot timeline (sessions.shots) and the gun filter of sessions.list.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkflowEvent } from '../../../electron/contract/sessions.js';
import { consoleLogger } from '../../../electron/core/logger.js';
import { SessionRecords } from '../../../electron/core/sessions/history.js';
import { CLINICIAN, FakeLink, attachLink, PROFILE, armIn, count, expectCoreError, makeHarness, toMesotherapy, type Harness } from './sessionsHarness.js';

let h: Harness;
afterEach(() => {
  vi.restoreAllMocks();
  h?.close();
});

/** What a reconnect does to the gun: a new connection, no profile held. */
function reconnect(hh: Harness): void {
  hh.gun.profile = null;
  hh.gun.armed = false;
  hh.gun.connected = true;
}

const resentSteps = (hh: Harness, id: number) =>
  count(hh.db, "SELECT COUNT(*) AS n FROM session_steps WHERE session_id = ? AND event = 'PROFILE_SET' AND user_id IS NULL AND json_extract(detail, '$.resent') = 1", id);

describe('profile re-sent after the gun reconnects', () => {
  it("the link's 'ready' state sends the session's profile again; arming then works without the clinician", async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    const link = new FakeLink(h);
    const detach = attachLink(h, link);
    await armIn(h, id, 'vertex');
    await h.gun.fire(2);
    h.gun.connected = false;
    link.raise('state', 'disconnected');
    link.raise('disconnected', { reason: 'unplugged' });
    await h.service.whenIdle();
    reconnect(h);
    h.gun.calls.length = 0;
    link.raise('state', 'syncing');
    await h.service.whenIdle();
    expect(h.gun.calls).not.toContain('setProfile'); // not before the link is ready
    link.raise('state', 'ready');
    await h.service.whenIdle();
    expect(h.gun.calls).toEqual(['setProfile']);
    expect(h.gun.echoedProfile()).toEqual(PROFILE);
    expect(resentSteps(h, id)).toBe(1);
    expect(h.service.get(id).profileResendError).toBeNull();
    // Recorded in the audit trail without a user: the station did it.
    expect(count(h.db, "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'session.profile-set' AND user_id IS NULL")).toBe(1);
    const v = await h.service.arm(CLINICIAN, { sessionId: id });
    expect(v.armed).toBe(true);
    await h.gun.fire(1);
    expect(h.service.get(id).totalShots).toBe(3);
    detach();
  });

  it('sends nothing when the gun still holds the profile (a resync), when armed, or to another gun', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    const link = new FakeLink(h);
    attachLink(h, link);
    await h.service.selectZone(CLINICIAN, { sessionId: id, zone: 'frontal' });

    h.gun.calls.length = 0;
    link.raise('state', 'ready');
    await h.service.whenIdle();
    expect(h.gun.calls).toEqual([]);

    await h.service.arm(CLINICIAN, { sessionId: id });
    h.gun.profile = null; // as if forgotten; the session is armed, so nothing may disarm it by a re-send
    h.gun.calls.length = 0;
    await h.service.handleGunReady();
    expect(h.gun.calls).toEqual([]);
    await h.service.disarm(CLINICIAN, { sessionId: id });

    (h.gun as { serial: string }).serial = 'MG-0002';
    h.gun.calls.length = 0;
    await h.service.handleGunReady();
    expect(h.gun.calls).toEqual([]);
    await expectCoreError(h.service.arm(CLINICIAN, { sessionId: id }), 'blocked', 'gun.other-gun');
    expect(resentSteps(h, id)).toBe(0);
  });

  it('a failed re-send is shown on the session, arming stays refused, and the manual re-send clears it', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await h.service.selectZone(CLINICIAN, { sessionId: id, zone: 'vertex' });
    const seen: WorkflowEvent[] = [];
    h.bus.on('workflow.event', (e) => seen.push(e));
    vi.spyOn(consoleLogger, 'error').mockImplementation(() => undefined);
    reconnect(h);
    const refused = vi.spyOn(h.gun, 'setProfile').mockRejectedValueOnce(new Error('The gun did not answer SET_PROFILE within 1250 ms'));
    await h.service.handleGunReady();
    const v = h.service.get(id);
    // A plain Error (not the link's): no link code to name.
    expect(v.profileResendError).toEqual({ code: 'gun.profile-resend-failed', params: { linkCode: null } });
    expect(seen).toContainEqual({ type: 'session.changed', sessionId: id, phase: 'mesotherapy', step: v.step });
    expect(resentSteps(h, id)).toBe(0);
    await expectCoreError(h.service.arm(CLINICIAN, { sessionId: id }), 'gun', 'gun.profile-lost');

    refused.mockRestore();
    await h.service.setProfile(CLINICIAN, { sessionId: id, profile: PROFILE });
    expect(h.service.get(id).profileResendError).toBeNull();
    expect((await h.service.arm(CLINICIAN, { sessionId: id })).armed).toBe(true);
  });

  it('after a station restart the first ready link gets the profile back', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await h.service.selectZone(CLINICIAN, { sessionId: id, zone: 'occipital' });
    h = await h.restart();
    reconnect(h);
    const link = new FakeLink(h);
    attachLink(h, link);
    link.raise('state', 'ready');
    await h.service.whenIdle();
    expect(h.gun.echoedProfile()).toEqual(PROFILE);
    expect((await h.service.arm(CLINICIAN, { sessionId: id })).armed).toBe(true);
  });
});

describe('shot timeline and gun filter', () => {
  it('sessions.shots lists the records in firing order with their fields; the list filters by gun', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'vertex');
    const made = await h.gun.fire(3);
    await h.service.disarm(CLINICIAN, { sessionId: id });
    await armIn(h, id, 'frontal');
    made.push(...(await h.gun.fire(2)));
    await h.service.disarm(CLINICIAN, { sessionId: id });

    const shots = h.service.shots(id);
    expect(shots.map((s) => s.recordId)).toEqual(made.map((r) => r.recordId));
    expect(shots.map((s) => s.zone)).toEqual(['vertex', 'vertex', 'vertex', 'frontal', 'frontal']);
    expect(shots[0]).toEqual({
      recordId: made[0]!.recordId,
      gunSerial: 'MG-0001',
      zone: 'vertex',
      commandedNl: PROFILE.doseNl,
      deliveredNl: made[0]!.deliveredNl,
      depthUm: PROFILE.depthUm,
      mode: 'papule',
      gunStartedAtMs: made[0]!.startedAtMs,
      gunEndedAtMs: made[0]!.endedAtMs,
      receivedAtMs: made[0]!.receivedAtMs,
      fault: null,
    });
    await expectCoreError(() => h.service.shots(999), 'not-found');

    const records = new SessionRecords(h.db);
    const all = records.list({ limit: 10, offset: 0 }).items;
    expect(all[0]).toMatchObject({ id, gunSerial: 'MG-0001', totalShots: 5 });
    expect(records.list({ gunSerial: 'MG-0001', limit: 10, offset: 0 }).items.map((s) => s.id)).toEqual([id]);
    expect(records.list({ gunSerial: 'MG-9999', limit: 10, offset: 0 }).items).toEqual([]);
  });
});
