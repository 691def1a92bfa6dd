// The one volume guard: arm() and the session's view read the same limit inputs (totals, soft
// acknowledgements and the records the gun made that the ledger does not hold yet), so the screen
// asks for an acknowledgement exactly when arming would refuse at a soft limit.
import { afterEach, describe, expect, it } from 'vitest';
import type { GunStatus } from '../../../device/link/index.js';
import { CLINICIAN, armIn, expectCoreError, makeHarness, toMesotherapy, type Harness } from './sessionsHarness.js';

let h: Harness;
afterEach(() => h?.close());

function statusOf(hh: Harness, over: Partial<GunStatus> = {}): GunStatus {
  return { armed: hh.gun.armed, authenticated: true, reservoirNl: 5_000_000, batteryPct: 90, needleSeated: true, faults: [], gunTimeMs: hh.clock.now(), lastRecordId: hh.gun.lastRecordId, ...over };
}

describe('the session view and arm() share one volume guard', () => {
  it('a record still on its way counts on screen as it does for arming: the soft limit asks for its acknowledgement', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'vertex');
    await h.gun.fire(3); // 60 uL held; the zone's soft limit is 100 uL
    h.gun.fireWithheld(1); // made by the gun, lost on the line: counted as up to 22 uL
    h.service.handleGunStatus(h.gun.serial, statusOf(h));
    await h.service.whenIdle();
    // 60 + 22 + 20 > 100: the station stopped the gun at the zone's soft limit.
    expect(h.gun.armed).toBe(false);
    const v = h.service.get(id);
    expect(v.armed).toBe(false);
    expect(v.zones.find((z) => z.zone === 'vertex')?.deliveredNl).toBe(60_000);
    // The screen and arm() agree: an acknowledgement is needed, and arming waits for it.
    expect(v.softAcksNeeded).toEqual([expect.objectContaining({ scope: 'zone', zone: 'vertex' })]);
    await expectCoreError(h.service.arm(CLINICIAN, { sessionId: id }), 'blocked');
    await h.service.ackSoftLimit(CLINICIAN, { sessionId: id, scope: 'zone', zone: 'vertex', reason: 'planned top-up' });
    expect(h.service.get(id).softAcksNeeded).toEqual([]);
    await h.service.arm(CLINICIAN, { sessionId: id });
    expect(h.service.get(id).armed).toBe(true);
  });
});
