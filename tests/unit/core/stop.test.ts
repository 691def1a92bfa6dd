// The stop always works: gun.disarm is accepted from every state of a connection the host trusts
// (signed in, locked, a password change pending, not signed in), and audited with who pressed it,
// or with the station when nobody was signed in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../electron/contract/audit.js';
import { ADMIN, CLINICIAN, makeHarness, withUsers, type Harness } from './access.fixture.js';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

function lastDisarm(): AuditEntry {
  return h.station.services.audit.list({ action: 'gun.disarm' }).entries[0]!;
}

describe('the stop from every state', () => {
  it('signed in: audited as the user', async () => {
    const { clinician, clinicianId } = await withUsers(h);
    await h.call(clinician, 'gun.disarm');
    expect(lastDisarm()).toMatchObject({ userId: clinicianId, username: CLINICIAN.username, newValue: { cause: 'stop' } });
  });

  it('locked: accepted, audited as "station (locked)" with the user the screen was locked for', async () => {
    const { clinician } = await withUsers(h);
    await h.call(clinician, 'auth.lock');
    expect((await h.fail(clinician, 'settings.get')).code).toBe('locked');
    const view = (await h.call(clinician, 'gun.disarm')) as { linkState: string };
    expect(view.linkState).toBeDefined();
    expect(lastDisarm()).toMatchObject({ userId: null, username: 'station:locked', newValue: { cause: 'stop', screenUser: CLINICIAN.username } });
  });

  it('a password change pending: accepted, audited as the station', async () => {
    const { clinician } = await withUsers(h, { mustChange: true });
    await h.call(clinician, 'gun.disarm');
    expect(lastDisarm()).toMatchObject({ userId: null, username: 'station:password-change-pending', newValue: { screenUser: CLINICIAN.username } });
  });

  it('not signed in (the login screen): accepted, audited as the station', async () => {
    await withUsers(h);
    await h.call(h.station.newConnection(), 'gun.disarm');
    const row = lastDisarm();
    expect(row).toMatchObject({ userId: null, username: 'station:signed-out', newValue: { cause: 'stop' } });
    expect(row.newValue).not.toHaveProperty('screenUser');
  });

  it('with no gun connected the answer says it was not acknowledged (the gun stops itself without the station)', async () => {
    const { admin } = await withUsers(h);
    await h.call(admin, 'gun.disarm');
    expect(lastDisarm()).toMatchObject({ username: ADMIN.username, newValue: { acknowledged: false }, reason: expect.stringMatching(/no authenticated connection/) });
  });
});
