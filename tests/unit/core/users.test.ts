import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Actor } from '../../../electron/core/access/actor.js';
import { createStation } from '../../../electron/core/station.js';
import { hashPassword, needsRehash, verifyPassword } from '../../../electron/core/users/password.js';
import { ADMIN, CLINICIAN, CLINICIAN_FIRST_PASSWORD, count, makeHarness, withUsers, type Harness } from './access.fixture.js';

let h: Harness;
beforeEach(() => {
  h = makeHarness();
});
afterEach(() => h.close());

describe('first run', () => {
  it('creates the first admin once, logs them in, then refuses a second set-up', async () => {
    const conn = h.station.newConnection();
    expect(await h.call(conn, 'setup.status')).toMatchObject({ needsSetup: true });
    const me = await h.call(conn, 'setup.createAdmin', ADMIN);
    expect(me).toMatchObject({ username: 'alice', role: 'admin', displayName: 'Alice Admin' });
    expect(await h.call(conn, 'auth.whoami')).toMatchObject({ user: { username: 'alice' }, locked: false });
    expect(await h.call(conn, 'setup.status')).toMatchObject({ needsSetup: false });

    const other = h.station.newConnection();
    const err = await h.fail(other, 'setup.createAdmin', { ...ADMIN, username: 'mallory' });
    expect(err.code).toBe('conflict');
    expect(count(h, 'users')).toBe(1);
  });

  it('two set-ups racing make exactly one admin', async () => {
    const results = await Promise.allSettled([
      h.call(h.station.newConnection(), 'setup.createAdmin', ADMIN),
      h.call(h.station.newConnection(), 'setup.createAdmin', { ...ADMIN, username: 'bob' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(count(h, 'users')).toBe(1);
  });

  it('refuses a weak password, naming the field', async () => {
    const conn = h.station.newConnection();
    const err = await h.fail(conn, 'setup.createAdmin', { ...ADMIN, password: 'short1' });
    expect(err.code).toBe('validation');
    expect(err.field).toBe('password');
    expect(err.reason).toEqual({ code: 'validation.too-short', params: { field: 'password', min: 10 } });
    const same = await h.fail(conn, 'setup.createAdmin', { ...ADMIN, username: 'alicealice', password: 'AliceAlice' });
    expect(same).toMatchObject({ code: 'validation', field: 'password' });
    expect(count(h, 'users')).toBe(0);
  });
});

describe('login', () => {
  it('accepts the right password and refuses a wrong one or an unknown user', async () => {
    await withUsers(h);
    const conn = h.station.newConnection();
    const wrong = await h.fail(conn, 'auth.login', { username: 'carl', password: 'not the password' });
    expect(wrong.code).toBe('unauthenticated');
    const unknown = await h.fail(conn, 'auth.login', { username: 'nobody', password: 'whatever123' });
    expect(unknown.code).toBe('unauthenticated');
    expect(unknown.reason).toEqual(wrong.reason); // no hint which user names exist
    expect(unknown.reason.code).toBe('auth.wrong-credentials');
    expect(conn.loginId).toBeNull();
    expect((await h.fail(conn, 'settings.get')).code).toBe('unauthenticated');

    // User names are case-insensitive.
    expect(await h.call(conn, 'auth.login', { username: 'CARL', password: CLINICIAN.password })).toMatchObject({ role: 'clinician' });
    expect(conn.loginId).toEqual(expect.any(String));
    await h.call(conn, 'settings.get');
    await h.call(conn, 'auth.logout');
    expect(conn.loginId).toBeNull();
    expect((await h.fail(conn, 'settings.get')).code).toBe('unauthenticated');

    const actions = h.station.services.audit.list({}, { limit: 500 }).entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.login', 'auth.login-failed', 'auth.logout']));
  });

  it('locks the account out after 5 wrong passwords for 1 minute, audited', async () => {
    const { clinicianId } = await withUsers(h);
    const conn = h.station.newConnection();
    for (let i = 0; i < 5; i++) expect((await h.fail(conn, 'auth.login', { username: 'carl', password: `wrong guess ${i}` })).reason.code).toBe('auth.wrong-credentials');
    const refused = await h.fail(conn, 'auth.login', { username: 'carl', password: CLINICIAN.password });
    expect(refused.code).toBe('unauthenticated');
    expect(refused.reason).toEqual({ code: 'auth.account-locked', params: { minutes: 1 } });
    const lockouts = h.station.services.audit.list({ action: 'auth.lockout' }).entries;
    expect(lockouts).toHaveLength(1);
    expect(lockouts[0]).toMatchObject({ entity: 'user', entityId: String(clinicianId), newValue: expect.objectContaining({ lockout: 1, minutes: 1 }) });
    expect(h.station.services.users.get(clinicianId).lockedOutUntil).not.toBeNull();

    h.clock.advance(59_000);
    expect((await h.fail(conn, 'auth.login', { username: 'carl', password: CLINICIAN.password })).reason).toEqual({ code: 'auth.account-locked', params: { minutes: 1 } });
    h.clock.advance(1_000);
    await h.call(conn, 'auth.login', { username: 'carl', password: CLINICIAN.password });
    expect(h.station.services.users.get(clinicianId).lockedOutUntil).toBeNull();
  });

  it('each lock-out in a row lasts longer: 1, 5, 15, then 60 minutes, and 60 after that; a good password starts again', async () => {
    const { clinicianId } = await withUsers(h);
    const conn = h.station.newConnection();
    const lockOut = async () => {
      for (let i = 0; i < 5; i++) await h.fail(conn, 'auth.login', { username: 'carl', password: `wrong guess ${i}` });
      const until = h.station.services.users.get(clinicianId).lockedOutUntil;
      expect(until).not.toBeNull();
      const minutes = (Date.parse(until!) - h.clock.now()) / 60_000;
      // Still locked a second before the end, with the right password too; free at the end.
      h.clock.advance(minutes * 60_000 - 1_000);
      expect((await h.fail(conn, 'auth.login', { username: 'carl', password: CLINICIAN.password })).reason.code).toBe('auth.account-locked');
      h.clock.advance(1_000);
      return minutes;
    };
    const seen: number[] = [];
    for (let round = 0; round < 5; round++) seen.push(await lockOut());
    expect(seen).toEqual([1, 5, 15, 60, 60]);
    expect(h.station.services.audit.list({ action: 'auth.lockout' }).entries.map((e) => (e.newValue as { minutes: number }).minutes).reverse()).toEqual([1, 5, 15, 60, 60]);

    // The right password once: the next lock-out is short again.
    await h.call(conn, 'auth.login', { username: 'carl', password: CLINICIAN.password });
    expect(await lockOut()).toBe(1);
  });

  it('a good login resets the failure count', async () => {
    await withUsers(h);
    const conn = h.station.newConnection();
    for (let i = 0; i < 4; i++) await h.fail(conn, 'auth.login', { username: 'carl', password: 'wrong guess!' });
    await h.call(conn, 'auth.login', { username: 'carl', password: CLINICIAN.password });
    for (let i = 0; i < 4; i++) await h.fail(conn, 'auth.login', { username: 'carl', password: 'wrong guess!' });
    await h.call(conn, 'auth.login', { username: 'carl', password: CLINICIAN.password });
    expect(h.station.services.audit.list({ action: 'auth.lockout' }).entries).toHaveLength(0);
  });

  it('a disabled user cannot log in, and an open session ends at its next call', async () => {
    const { admin, clinician, clinicianId } = await withUsers(h);
    await h.call(admin, 'users.disable', { userId: clinicianId, reason: 'left the clinic' });
    expect((await h.fail(clinician, 'settings.get')).code).toBe('unauthenticated');
    const conn = h.station.newConnection();
    const err = await h.fail(conn, 'auth.login', { username: 'carl', password: CLINICIAN.password });
    expect(err).toMatchObject({ code: 'unauthenticated', reason: { code: 'auth.account-disabled' } });
    // Never deleted: still listed with disabled users, and can be enabled again.
    expect(await h.call(admin, 'users.list', { includeDisabled: true })).toEqual(expect.arrayContaining([expect.objectContaining({ username: 'carl', disabled: true })]));
    expect(await h.call(admin, 'users.list', {})).not.toEqual(expect.arrayContaining([expect.objectContaining({ username: 'carl' })]));
    await h.call(admin, 'users.enable', { userId: clinicianId, reason: 'came back' });
    await h.call(conn, 'auth.login', { username: 'carl', password: CLINICIAN.password });
  });

  it('an admin cannot disable themselves or the last admin', async () => {
    const { admin, adminId } = await withUsers(h);
    expect((await h.fail(admin, 'users.disable', { userId: adminId, reason: 'oops' })).code).toBe('conflict');
  });
});

describe('user administration', () => {
  it('admin creates users; duplicate user names are refused; no password or hash in the audit trail', async () => {
    const { admin } = await withUsers(h);
    const dup = await h.fail(admin, 'users.create', { ...CLINICIAN, username: 'Carl', role: 'clinician' });
    expect(dup).toMatchObject({ code: 'conflict', field: 'username' });
    const second = (await h.call(admin, 'users.create', { username: 'dora', displayName: 'Dora Admin', role: 'admin', password: 'another long secret' })) as {
      role: string;
    };
    expect(second.role).toBe('admin');
    const dump = JSON.stringify(h.station.db.prepare('SELECT * FROM audit_log').all());
    expect(dump).not.toContain(CLINICIAN.password);
    expect(dump).not.toContain('another long secret');
    expect(dump).not.toContain('scrypt$');
  });

  it('password reset: old password stops working, user must change it, their sessions end', async () => {
    const { admin, clinician, clinicianId } = await withUsers(h);
    await h.call(admin, 'users.resetPassword', { userId: clinicianId, newPassword: 'temporary password 1', reason: 'forgotten' });
    expect((await h.fail(clinician, 'settings.get')).code).toBe('unauthenticated');
    const conn = h.station.newConnection();
    await h.fail(conn, 'auth.login', { username: 'carl', password: CLINICIAN.password });
    expect(await h.call(conn, 'auth.login', { username: 'carl', password: 'temporary password 1' })).toMatchObject({ mustChangePassword: true });
    const weak = await h.fail(conn, 'auth.changePassword', { currentPassword: 'temporary password 1', newPassword: 'short' });
    expect(weak).toMatchObject({ code: 'validation', field: 'newPassword' });
    await h.call(conn, 'auth.changePassword', { currentPassword: 'temporary password 1', newPassword: 'my own new password' });
    expect(await h.call(conn, 'auth.whoami')).toMatchObject({ user: { mustChangePassword: false } });
    expect(h.station.services.audit.list({ action: 'user.password-reset' }).entries[0]).toMatchObject({ reason: 'forgotten', userId: 1 });
  });
});

describe('auto-lock and lock', () => {
  it('locks after autoLockMinutes idle (measured from the last call); only unlock or logout then work', async () => {
    const { clinician } = await withUsers(h);
    const locked: unknown[] = [];
    h.station.events.on('login.locked', (e) => locked.push(e));

    h.clock.advance(4 * 60_000);
    await h.call(clinician, 'settings.get'); // activity resets the idle timer
    h.clock.advance(4 * 60_000);
    await h.call(clinician, 'settings.get');
    expect(locked).toHaveLength(0);

    h.clock.advance(5 * 60_000);
    const err = await h.fail(clinician, 'settings.get');
    expect(err.code).toBe('locked');
    expect(locked).toEqual([{ connectionId: clinician.id, userId: expect.any(Number), reason: 'idle', gunDisarmed: false }]);
    expect(await h.call(clinician, 'auth.whoami')).toMatchObject({ user: { username: 'carl' }, locked: true });
    expect(await h.call(clinician, 'setup.status')).toMatchObject({ needsSetup: false }); // public still works
    expect((await h.fail(clinician, 'auth.lock')).code).toBe('locked');

    const wrong = await h.fail(clinician, 'auth.unlock', { password: 'not my password' });
    expect(wrong.code).toBe('unauthenticated');
    expect((await h.fail(clinician, 'settings.get')).code).toBe('locked');
    await h.call(clinician, 'auth.unlock', { password: CLINICIAN.password });
    await h.call(clinician, 'settings.get');
    expect(h.station.services.audit.list({ action: 'auth.lock' }).entries[0]?.newValue).toEqual({ reason: 'idle', gunDisarmed: false });
  });

  it('follows a changed autoLockMinutes and the background sweep announces the lock without a call', async () => {
    const { admin, clinician } = await withUsers(h);
    await h.call(admin, 'settings.update', { changes: { autoLockMinutes: 1 } });
    const locked: { connectionId: string }[] = [];
    h.station.events.on('login.locked', (e) => locked.push(e));
    h.clock.advance(60_000);
    h.station.services.logins.sweep();
    expect(locked.map((e) => e.connectionId).sort()).toEqual([admin.id, clinician.id].sort());
    expect((await h.fail(admin, 'settings.get')).code).toBe('locked');
  });

  it('explicit lock; a locked session may log out', async () => {
    const { clinician } = await withUsers(h);
    await h.call(clinician, 'auth.lock');
    expect((await h.fail(clinician, 'settings.get')).code).toBe('locked');
    await h.call(clinician, 'auth.logout');
    expect(clinician.loginId).toBeNull();
    expect((await h.fail(clinician, 'settings.get')).code).toBe('unauthenticated');
  });
});

describe('screen language', () => {
  it("a user's own language is on every window of theirs at once, audited; null goes back to the station's; no other language", async () => {
    const { clinician, clinicianId } = await withUsers(h);
    expect(await h.call(clinician, 'auth.whoami')).toMatchObject({ user: { language: null } });
    expect(await h.call(h.station.newConnection(), 'setup.status')).toMatchObject({ language: 'en' });
    expect(await h.call(clinician, 'auth.setLanguage', { language: 'tr' })).toMatchObject({ userId: clinicianId, language: 'tr' });
    // A second window of the same user, logged in afterwards, and the first one's next call both see it.
    const second = h.station.newConnection();
    expect(await h.call(second, 'auth.login', { username: CLINICIAN.username, password: CLINICIAN.password })).toMatchObject({ language: 'tr' });
    expect(await h.call(clinician, 'auth.whoami')).toMatchObject({ user: { language: 'tr' } });
    const audit = h.station.services.audit.list({ entity: 'user', entityId: String(clinicianId) }).entries.filter((e) => e.action === 'user.language');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ oldValue: { language: null }, newValue: { language: 'tr' } });
    // The same language again changes nothing and writes no entry.
    await h.call(clinician, 'auth.setLanguage', { language: 'tr' });
    expect(h.station.services.audit.list({ entity: 'user', entityId: String(clinicianId) }).entries.filter((e) => e.action === 'user.language')).toHaveLength(1);
    expect(await h.call(clinician, 'auth.setLanguage', { language: null })).toMatchObject({ language: null });
    const bad = await h.fail(clinician, 'auth.setLanguage', { language: 'de' });
    expect(bad).toMatchObject({ code: 'validation', field: 'language' });
  });

  it('refuses a language change on a locked window, and the station language accepts only en, tr or es', async () => {
    const { clinician, admin } = await withUsers(h);
    await h.call(clinician, 'auth.lock');
    expect((await h.fail(clinician, 'auth.setLanguage', { language: 'es' })).code).toBe('locked');
    expect(await h.call(admin, 'settings.update', { changes: { language: 'es' }, reason: 'clinic in Madrid' })).toBeTruthy();
    expect(await h.call(h.station.newConnection(), 'setup.status')).toMatchObject({ language: 'es' });
    expect(await h.fail(admin, 'settings.update', { changes: { language: 'fr' } })).toMatchObject({ code: 'validation' });
  });
});

describe('electronic signature', () => {
  it('re-checks the password and names the signer, the meaning and the time', async () => {
    const { clinicianId } = await withUsers(h);
    const actor: Actor = { userId: clinicianId, username: 'carl', displayName: 'Carl Clinician', role: 'clinician' };
    const sig = await h.station.services.users.verifySignature(actor, CLINICIAN.password, 'performed');
    expect(sig).toEqual({ userId: clinicianId, printedName: 'Carl Clinician', meaning: 'performed', signedAt: new Date(h.clock.now()).toISOString() });
    await expect(h.station.services.users.verifySignature(actor, 'wrong password!', 'reviewed')).rejects.toMatchObject({ code: 'unauthenticated', field: 'password' });
  });
});

describe('password hashing', () => {
  it('stores scrypt N=2^17 (the OWASP floor) r=8 p=1 with a 16-byte salt and verifies', async () => {
    const stored = await hashPassword('correct horse battery');
    const [scheme, n, r, p, salt] = stored.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '131072', '8', '1']);
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await hashPassword('correct horse battery')).not.toBe(stored);
  });

  it('upgrades a weaker stored hash at the next good login', async () => {
    await withUsers(h);
    const dbFile = join(h.dir, 'station.db');
    h.station.close();
    const stronger = createStation({ dbFile, settings: h.settings, keys: h.keys, clock: h.clock, users: { scrypt: { N: 2 ** 11, r: 8, p: 1 } }, autoLockSweepMs: 0 });
    try {
      const before = (stronger.db.prepare("SELECT password_hash FROM users WHERE username = 'carl'").get() as { password_hash: string }).password_hash;
      expect(needsRehash(before, { N: 2 ** 11, r: 8, p: 1 })).toBe(true);
      await stronger.dispatch(stronger.newConnection(), 'auth.login', { username: 'carl', password: CLINICIAN.password });
      const after = (stronger.db.prepare("SELECT password_hash FROM users WHERE username = 'carl'").get() as { password_hash: string }).password_hash;
      expect(after.split('$')[1]).toBe('2048');
    } finally {
      await stronger.close();
    }
  });
});

describe('a password an admin set must be changed before the user can act or sign', () => {
  const carl: (id: number) => Actor = (id) => ({ userId: id, username: 'carl', displayName: 'Carl Clinician', role: 'clinician' });

  it('a new account logs in flagged; only changePassword, logout, lock, unlock and public methods work', async () => {
    const { clinician, clinicianId } = await withUsers(h, { mustChange: true });
    expect(await h.call(clinician, 'auth.whoami')).toMatchObject({ user: { username: 'carl', mustChangePassword: true }, locked: false });
    expect(h.station.services.users.get(clinicianId).mustChangePassword).toBe(true);
    for (const [method, input] of [
      ['settings.get', {}],
      ['patients.list', {}],
      ['serum.list', {}],
      ['sessions.start', { patientId: 1, intake: { identityConfirmed: true, screeningId: 1 } }],
    ] as const) {
      const err = await h.fail(clinician, method, input);
      expect(err, method).toMatchObject({ code: 'forbidden', reason: { code: 'auth.must-change-password' } });
    }
    // Public methods still answer.
    expect(await h.call(clinician, 'setup.status')).toMatchObject({ needsSetup: false });
    await h.call(clinician, 'gun.status');
    // Lock and unlock work (an idle lock must not force a logout), and change nothing else.
    await h.call(clinician, 'auth.lock');
    expect((await h.fail(clinician, 'auth.changePassword', { currentPassword: CLINICIAN_FIRST_PASSWORD, newPassword: CLINICIAN.password })).code).toBe('locked');
    await h.call(clinician, 'auth.unlock', { password: CLINICIAN_FIRST_PASSWORD });
    expect((await h.fail(clinician, 'settings.get')).reason.code).toBe('auth.must-change-password');

    await h.call(clinician, 'auth.changePassword', { currentPassword: CLINICIAN_FIRST_PASSWORD, newPassword: CLINICIAN.password });
    expect(await h.call(clinician, 'auth.whoami')).toMatchObject({ user: { mustChangePassword: false } });
    await h.call(clinician, 'settings.get');
    expect(h.station.services.audit.list({ action: 'user.create' }).entries[0]?.newValue).toMatchObject({ username: 'carl', mustChangePassword: true });
  });

  it('the first admin chose their own password and is not flagged; an admin an admin created is', async () => {
    const { admin } = await withUsers(h);
    expect(await h.call(admin, 'auth.whoami')).toMatchObject({ user: { username: 'alice', mustChangePassword: false } });
    await h.call(admin, 'users.create', { username: 'dora', displayName: 'Dora Admin', role: 'admin', password: 'given by alice 456' });
    const dora = h.station.newConnection();
    expect(await h.call(dora, 'auth.login', { username: 'dora', password: 'given by alice 456' })).toMatchObject({ mustChangePassword: true });
    expect((await h.fail(dora, 'users.list')).reason.code).toBe('auth.must-change-password');
    expect((await h.fail(dora, 'audit.list')).reason.code).toBe('auth.must-change-password');
  });

  it('no signature while flagged, even with the right password, and no failure is counted', async () => {
    const { clinicianId } = await withUsers(h, { mustChange: true });
    const users = h.station.services.users;
    await expect(users.verifySignature(carl(clinicianId), CLINICIAN_FIRST_PASSWORD, 'performed')).rejects.toMatchObject({ code: 'forbidden', reason: { code: 'auth.must-change-to-sign' } });
    await expect(users.authenticateSigner('carl', CLINICIAN_FIRST_PASSWORD)).rejects.toMatchObject({ code: 'forbidden', reason: { code: 'auth.must-change-to-sign' } });
    expect(h.station.services.audit.list({ action: 'auth.login-failed' }).entries).toHaveLength(0);
  });

  it('a reset flags the account again: the admin who set it cannot sign as the user', async () => {
    const { admin, clinicianId } = await withUsers(h);
    const users = h.station.services.users;
    await users.verifySignature(carl(clinicianId), CLINICIAN.password, 'performed');
    expect((await users.authenticateSigner('carl', CLINICIAN.password)).username).toBe('carl');

    await h.call(admin, 'users.resetPassword', { userId: clinicianId, newPassword: 'alice knows this 1', reason: 'forgotten' });
    await expect(users.verifySignature(carl(clinicianId), 'alice knows this 1', 'performed')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(users.authenticateSigner('carl', 'alice knows this 1')).rejects.toMatchObject({ code: 'forbidden' });
    const conn = h.station.newConnection();
    await h.call(conn, 'auth.login', { username: 'carl', password: 'alice knows this 1' });
    expect((await h.fail(conn, 'patients.list')).reason.code).toBe('auth.must-change-password');
    await h.call(conn, 'auth.changePassword', { currentPassword: 'alice knows this 1', newPassword: 'only carl knows 2' });
    expect(await users.verifySignature(carl(clinicianId), 'only carl knows 2', 'reviewed')).toMatchObject({ printedName: 'Carl Clinician', meaning: 'reviewed' });
  });
});

describe('lock-out under concurrent guesses', () => {
  it('many wrong passwords at once count to the limit once: one lock-out, no further failures counted', async () => {
    const { clinicianId } = await withUsers(h);
    const guesses = Array.from({ length: 20 }, (_, i) => h.call(h.station.newConnection(), 'auth.login', { username: 'carl', password: `wrong guess ${i}` }));
    const results = await Promise.allSettled(guesses);
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    const failures = h.station.services.audit.list({ action: 'auth.login-failed' }, { limit: 500 }).entries.filter((e) => e.entityId === String(clinicianId));
    expect(failures).toHaveLength(5);
    expect(h.station.services.audit.list({ action: 'auth.lockout' }).entries).toHaveLength(1);
    const refused = await h.fail(h.station.newConnection(), 'auth.login', { username: 'carl', password: CLINICIAN.password });
    expect(refused.reason).toEqual({ code: 'auth.account-locked', params: { minutes: 1 } });
  });

  it('a right password whose check began before a lock-out landed is refused, and does not clear the lock', async () => {
    const { clinicianId } = await withUsers(h);
    const users = h.station.services.users;
    // The lock-out check at the start passes synchronously; scrypt then runs on the thread pool.
    const pending = users.checkPassword(clinicianId, CLINICIAN.password, 'password');
    // Meanwhile other guesses lock the account (as the concurrent failures above would).
    const until = h.clock.now() + 5 * 60_000;
    h.station.db.prepare('UPDATE users SET locked_until_ms = ? WHERE id = ?').run(until, clinicianId);
    await expect(pending).rejects.toMatchObject({ code: 'unauthenticated', reason: { code: 'auth.account-locked', params: { minutes: 5 } } });
    expect(h.station.services.users.get(clinicianId).lockedOutUntil).toBe(new Date(until).toISOString());
  });

  it('a password reset while a login is being checked refuses the old password', async () => {
    const { admin, clinicianId } = await withUsers(h);
    const pending = h.call(h.station.newConnection(), 'auth.login', { username: 'carl', password: CLINICIAN.password });
    const reset = h.call(admin, 'users.resetPassword', { userId: clinicianId, newPassword: 'alice knows this 1' });
    const [login] = await Promise.allSettled([pending, reset]);
    // Either order is possible on the thread pool; what must not happen is the old password winning
    // after the reset committed. If the login committed first, the reset ended its session.
    if (login.status === 'fulfilled') expect(h.station.services.logins.size).toBe(1); // only the admin's
    else expect(login.reason).toMatchObject({ code: 'unauthenticated' });
  });
});

