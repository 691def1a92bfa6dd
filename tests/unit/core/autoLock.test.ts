// Auto-lock waits for idle: no input reported by a window and no shot fired by the arming clinician's
// gun. A screen refreshing itself (a passive call) is not activity; a shot while armed is.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, withUsers, type Harness } from './access.fixture.js';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

const MIN = 60_000;

describe('auto-lock', () => {
  it('a passive call (a screen refreshing) does not hold off the lock; auth.activity does', async () => {
    const { clinician } = await withUsers(h);
    h.clock.advance(4 * MIN);
    await h.station.dispatch(clinician, 'settings.get', {}, { passive: true });
    h.clock.advance(1.5 * MIN);
    expect((await h.fail(clinician, 'settings.get')).code).toBe('locked');

    await h.call(clinician, 'auth.unlock', { password: 'staple tray 12345' });
    h.clock.advance(4 * MIN);
    await h.call(clinician, 'auth.activity');
    h.clock.advance(4 * MIN);
    await h.call(clinician, 'settings.get');
  });

  it("shots of the arming clinician's gun count as that user's activity, and only theirs", async () => {
    const { clinician, admin, clinicianId } = await withUsers(h);
    h.clock.advance(4 * MIN);
    // What the ledger's commit hook does for a shot while this clinician's session has the gun armed.
    h.station.services.logins.touchUser(clinicianId);
    h.clock.advance(4 * MIN);
    await h.call(clinician, 'settings.get');
    expect((await h.fail(admin, 'settings.get')).code).toBe('locked');
  });

  it('the idle time may be shortened to 6 s (0.1 min), and no further', async () => {
    const { admin, clinician } = await withUsers(h);
    await h.call(admin, 'settings.update', { changes: { autoLockMinutes: 0.1 } });
    await h.call(clinician, 'auth.activity');
    h.clock.advance(5_000);
    await h.call(clinician, 'settings.get');
    h.clock.advance(6_000);
    expect((await h.fail(clinician, 'settings.get')).code).toBe('locked');
    const err = await h.fail(admin, 'settings.update', { changes: { autoLockMinutes: 0.05 } });
    expect(err).toMatchObject({ code: 'validation', field: 'changes.autoLockMinutes' });
  });

  it('lock and logout answer whether the gun was disarmed first (not armed here: false)', async () => {
    const { clinician } = await withUsers(h);
    expect(await h.call(clinician, 'auth.lock')).toEqual({ ok: true, gunDisarmed: false });
    expect(await h.call(clinician, 'auth.logout')).toEqual({ ok: true, gunDisarmed: false });
  });
});
