import type { ReasonCode } from '../../../electron/contract/reasons.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { method } from '../../../electron/contract/define.js';
import type { ConnectionContext } from '../../../electron/core/access/connection.js';
import { newConnection } from '../../../electron/core/access/connection.js';
import type { Actor } from '../../../electron/core/access/actor.js';
import { ACCESS_DENIED, createDispatcher, type HandlerMap } from '../../../electron/core/dispatch.js';
import { CoreError } from '../../../electron/core/errors.js';
import { count, makeHarness, withUsers, type Harness } from './access.fixture.js';

let h: Harness;
let admin: ConnectionContext;
beforeEach(async () => {
  h = makeHarness();
  ({ admin } = await withUsers(h));
});
afterEach(() => h.close());

function rows(): number[] {
  return [count(h, 'users'), count(h, 'audit_log')];
}

describe('dispatch input validation (nothing is written)', () => {
  const cases: { name: string; method: string; input: unknown; field: string | undefined; reason: { code: ReasonCode; params?: Record<string, unknown> } }[] = [
    { name: 'unknown method', method: 'users.destroyAll', input: {}, field: 'method', reason: { code: 'validation.unknown-method' } },
    { name: 'prototype key as method', method: 'constructor', input: {}, field: 'method', reason: { code: 'validation.unknown-method' } },
    { name: 'wrong type', method: 'users.create', input: { username: 'dora', displayName: 'Dora', role: 'clinician', password: 1234567890 }, field: 'password', reason: { code: 'validation.wrong-type', params: { field: 'password', expected: 'string' } } },
    { name: 'missing field', method: 'users.create', input: { username: 'dora', displayName: 'Dora', role: 'clinician' }, field: 'password', reason: { code: 'validation.required', params: { field: 'password' } } },
    { name: 'overlong string', method: 'users.create', input: { username: 'dora', displayName: 'D'.repeat(101), role: 'clinician', password: 'long enough pass' }, field: 'displayName', reason: { code: 'validation.too-long', params: { field: 'displayName', max: 100 } } },
    { name: 'unknown key', method: 'users.create', input: { username: 'dora', displayName: 'Dora', role: 'clinician', password: 'long enough pass', isAdmin: true }, field: 'isAdmin', reason: { code: 'validation.unknown-field', params: { field: 'isAdmin' } } },
    { name: 'bad enum', method: 'users.create', input: { username: 'dora', displayName: 'Dora', role: 'root', password: 'long enough pass' }, field: 'role', reason: { code: 'validation.one-of', params: { field: 'role', values: 'clinician, admin' } } },
    { name: 'bad pattern', method: 'users.create', input: { username: 'do ra', displayName: 'Dora', role: 'clinician', password: 'long enough pass' }, field: 'username', reason: { code: 'validation.wrong-format', params: { field: 'username' } } },
    { name: 'not an object', method: 'users.create', input: 'dora', field: undefined, reason: { code: 'validation.wrong-type', params: { field: null, expected: 'object' } } },
    { name: 'nested unknown key', method: 'settings.update', input: { changes: { thermotherapy: { steamMinutes: 10, massageMinutes: 5, sauna: 1 } } }, field: 'changes.thermotherapy.sauna', reason: { code: 'validation.unknown-field', params: { field: 'changes.thermotherapy.sauna' } } },
    { name: 'number out of range', method: 'settings.update', input: { changes: { autoLockMinutes: 0 } }, field: 'changes.autoLockMinutes', reason: { code: 'validation.at-least', params: { field: 'changes.autoLockMinutes', min: 0.1 } } },
    { name: 'not an integer', method: 'settings.update', input: { changes: { thermotherapy: { steamMinutes: 10.5, massageMinutes: 5 } } }, field: 'changes.thermotherapy.steamMinutes', reason: { code: 'validation.wrong-type', params: { field: 'changes.thermotherapy.steamMinutes', expected: 'int' } } },
    { name: 'array item', method: 'settings.update', input: { changes: { gunUsbIds: [{ vendorId: '2341', productId: 'zz' }] } }, field: 'changes.gunUsbIds[0].productId', reason: { code: 'validation.wrong-format', params: { field: 'changes.gunUsbIds[0].productId' } } },
    { name: 'overlong reason', method: 'users.disable', input: { userId: 2, reason: 'r'.repeat(501) }, field: 'reason', reason: { code: 'validation.too-long', params: { field: 'reason', max: 500 } } },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const before = rows();
      const settingsBefore = JSON.stringify(h.station.services.settings.view());
      const err = await h.fail(admin, c.method, c.input);
      expect(err.code).toBe('validation');
      expect(err.field).toBe(c.field);
      expect(err.reason.code).toBe(c.reason.code);
      if (c.reason.params) expect(err.reason.params).toMatchObject(c.reason.params);
      expect(rows()).toEqual(before);
      expect(JSON.stringify(h.station.services.settings.view())).toBe(settingsBefore);
    });
  }

  it('validates before checking the login, and a valid call by the same caller goes through', async () => {
    const nobody = h.station.newConnection();
    expect((await h.fail(nobody, 'users.create', { nope: 1 })).code).toBe('validation');
    expect((await h.fail(nobody, 'users.create', { username: 'dora', displayName: 'Dora', role: 'clinician', password: 'long enough pass' })).code).toBe('unauthenticated');
    await h.call(admin, 'users.create', { username: 'dora', displayName: 'Dora', role: 'clinician', password: 'long enough pass' });
    expect(count(h, 'users')).toBe(3);
  });

  it('passes the parsed (trimmed, lower-cased) input to the handler', async () => {
    const view = (await h.call(admin, 'users.create', { username: '  Dora ', displayName: ' Dora D ', role: 'clinician', password: 'long enough pass' })) as { username: string; displayName: string };
    expect(view).toMatchObject({ username: 'dora', displayName: 'Dora D' });
  });
});

describe('dispatcher with its own contract', () => {
  const contract = {
    'x.echo': method<z.ZodObject<{ patient: z.ZodObject<{ lastName: z.ZodString }, z.core.$strict> }, z.core.$strict>, string>(
      z.strictObject({ patient: z.strictObject({ lastName: z.string().max(100) }) }),
      ['clinician'],
    ),
    'x.boom': method<z.ZodObject<Record<string, never>, z.core.$strict>, string>(z.strictObject({}), 'public'),
    'x.refuse': method<z.ZodObject<Record<string, never>, z.core.$strict>, string>(z.strictObject({}), 'public'),
  };
  const clinician: Actor = { userId: 7, username: 'carl', displayName: 'Carl', role: 'clinician' };
  const logged: Record<string, unknown>[] = [];
  const handlers: HandlerMap<typeof contract> = {
    'x.echo': async (ctx, input) => `${ctx.actor?.username}:${input.patient.lastName}`,
    'x.boom': async () => {
      throw new Error('Smith, John: secret patient detail');
    },
    'x.refuse': async () => {
      throw new CoreError('blocked', { code: 'session.zone-first' }, 'no');
    },
  };
  const dispatch = createDispatcher({
    contract,
    handlers,
    logins: { resolve: (conn) => (conn.loginId ? { actor: clinician, locked: false } : undefined), touch: () => undefined },
    logger: { error: (_e, detail) => void logged.push(detail) },
  });

  it('names a nested field path', async () => {
    const conn = { ...newConnection(), loginId: 's' };
    await expect(dispatch(conn, 'x.echo', { patient: { lastName: 'x'.repeat(101) } })).rejects.toMatchObject({
      code: 'validation',
      field: 'patient.lastName',
      message: 'patient.lastName: too long (max 100 characters)',
    });
    await expect(dispatch(conn, 'x.echo', { patient: { lastName: 'Doe' } })).resolves.toBe('carl:Doe');
  });

  it('turns an unexpected exception into a generic internal error and logs no message text', async () => {
    const err = await dispatch(newConnection(), 'x.boom', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CoreError);
    expect(err).toMatchObject({ code: 'internal' });
    expect((err as CoreError).message).not.toContain('Smith');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ method: 'x.boom', name: 'Error' });
    expect(JSON.stringify(logged)).not.toContain('Smith');
  });

  it('passes a CoreError from a handler through unchanged', async () => {
    await expect(dispatch(newConnection(), 'x.refuse', {})).rejects.toMatchObject({ code: 'blocked', message: 'no' });
  });
});

describe('dispatcher while the password must change', () => {
  const contract = {
    'x.who': method<z.ZodObject<Record<string, never>, z.core.$strict>, string>(z.strictObject({}), 'public'),
    'x.work': method<z.ZodObject<Record<string, never>, z.core.$strict>, string>(z.strictObject({}), ['clinician']),
    'x.change': method<z.ZodObject<Record<string, never>, z.core.$strict>, string>(z.strictObject({}), ['clinician'], { beforePasswordChange: true }),
    'x.admin': method<z.ZodObject<Record<string, never>, z.core.$strict>, string>(z.strictObject({}), ['admin']),
  };
  const clinician: Actor = { userId: 7, username: 'carl', displayName: 'Carl', role: 'clinician' };
  const handlers: HandlerMap<typeof contract> = {
    'x.who': async (ctx) => ctx.actor?.username ?? 'nobody',
    'x.work': async (ctx) => `work by ${ctx.actor?.username}`,
    'x.change': async (ctx) => `change by ${ctx.actor?.username}`,
    'x.admin': async () => 'admin',
  };
  const dispatch = createDispatcher({
    contract,
    handlers,
    logins: { resolve: () => ({ actor: clinician, locked: false, mustChangePassword: true }), touch: () => undefined },
  });
  const conn = { ...newConnection(), loginId: 's' };

  it('runs only methods declared beforePasswordChange, and public ones without the actor', async () => {
    await expect(dispatch(conn, 'x.work', {})).rejects.toMatchObject({ code: 'forbidden', message: ACCESS_DENIED.mustChangePassword });
    await expect(dispatch(conn, 'x.change', {})).resolves.toBe('change by carl');
    // A public handler cannot be used to act as a user whose password an admin still knows.
    await expect(dispatch(conn, 'x.who', {})).resolves.toBe('nobody');
    // The role refusal comes first, and reads the same as for anyone else.
    await expect(dispatch(conn, 'x.admin', {})).rejects.toMatchObject({ code: 'forbidden', message: ACCESS_DENIED.forbidden('clinician', 'x.admin') });
  });
});
