import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import type { Options as ElectronStoreOptions } from 'electron-store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SETTINGS_DEFAULTS, type Settings } from '../../../electron/contract/settings.js';
import type { Actor } from '../../../electron/core/access/actor.js';
import { GunService, type GunLinkLike } from '../../../electron/core/gun/gunService.js';
import { memorySettings, settingsFrom } from '../../../electron/core/settings/store.js';
import { openConfSettings } from '../../../electron/settings/confSettings.js';
import { confOptions, electronStoreOptions } from '../../../electron/settings/options.js';
import { makeHarness, tempDir, withUsers, type Harness } from './access.fixture.js';
import { expectCoreError } from '../../support/coreErrors.js';

const KEY = new Uint8Array([1, 2, 3, 250, 251, 252, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
const KEY_B64 = Buffer.from(KEY).toString('base64');

describe('settings stores', () => {
  let dir: { dir: string; cleanup: () => void };
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.cleanup());

  it('the in-memory store starts from the defaults and validates writes', async () => {
    const s = memorySettings();
    expect(s.get('autoLockMinutes')).toBe(5);
    expect(s.get('thermotherapy')).toEqual({ steamMinutes: 10, massageMinutes: 5 });
    expect(s.get('language')).toBe('en');
    expect(s.get('pairedGuns')).toEqual({});
    s.set('autoLockMinutes', 10);
    expect(s.get('autoLockMinutes')).toBe(10);
    await expectCoreError(() => s.set('autoLockMinutes', 61), 'validation', { reason: 'validation.invalid', params: { field: 'autoLockMinutes' }, field: 'autoLockMinutes' });
    // A returned value is a copy: changing it does not change the store.
    s.get('thermotherapy').steamMinutes = 99;
    expect(s.get('thermotherapy').steamMinutes).toBe(10);
  });

  it('a damaged stored value reads as the default', () => {
    const invalid: string[] = [];
    const s = settingsFrom({ get: (k) => (k === 'autoLockMinutes' ? 'soon' : undefined), set: () => undefined, delete: () => undefined }, { onInvalid: (k) => invalid.push(k) });
    expect(s.get('autoLockMinutes')).toBe(5);
    expect(invalid).toEqual(['autoLockMinutes']);
  });

  it('the conf adapter persists to a 0600 file and reads it back in a new instance', () => {
    const a = openConfSettings({ cwd: dir.dir });
    expect(a.get('stationName')).toBe(SETTINGS_DEFAULTS.stationName);
    a.set('room', 'Room 2');
    a.set('gunUsbIds', [{ vendorId: '2341', productId: '8036' }]);
    a.set('pairedGuns', { 'MG.0001': { key: KEY_B64, pairedAt: '2025-01-15T09:00:00.000Z', model: 'MG-1', firmware: '1.0.0', lastSeenAt: null } });
    const file = join(dir.dir, 'settings.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const b = openConfSettings({ cwd: dir.dir });
    expect(b.get('room')).toBe('Room 2');
    expect(b.get('gunUsbIds')).toEqual([{ vendorId: '2341', productId: '8036' }]);
    expect(b.get('pairedGuns')['MG.0001']?.model).toBe('MG-1');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ room: 'Room 2' });
  });

  it("conf's JSON schema (the one electron-store gets too) refuses invalid values", () => {
    const conf = new Conf<Settings>(confOptions({ cwd: dir.dir }));
    // conf's own schema check throws a plain Error (ajv's words, no code): the key it names is all there is to match.
    expect(() => conf.set('autoLockMinutes', 0)).toThrow(/autoLockMinutes/);
    expect(() => conf.set('language', 'xx' as 'en')).toThrow();
    expect(() => conf.set('gunUsbIds', [{ vendorId: 'nothex', productId: '0001' }])).toThrow();
    conf.set('autoLockMinutes', 60);
    expect(conf.get('autoLockMinutes')).toBe(60);
  });

  it('electron-store takes the same schema, defaults and file name (checked by the type checker)', () => {
    const forElectron: ElectronStoreOptions<Settings> = electronStoreOptions({ cwd: dir.dir });
    const forConf = confOptions({ cwd: dir.dir });
    expect(forElectron.schema).toEqual(forConf.schema);
    expect(forElectron.defaults).toEqual(forConf.defaults);
    expect(forElectron.name).toBe(forConf.configName);
  });

  it('a settings file edited by hand to an invalid value is refused at open', () => {
    writeFileSync(join(dir.dir, 'settings.json'), JSON.stringify({ autoLockMinutes: 500 }));
    // Refused by conf itself while it opens the file (a plain Error with no code), before settingsFrom sees a value.
    expect(() => openConfSettings({ cwd: dir.dir })).toThrow(/autoLockMinutes/);
  });
});

describe('settings through the contract', () => {
  let h: Harness;
  beforeEach(() => {
    h = makeHarness();
  });
  afterEach(() => h.close());

  it('both roles read, only admins change; changes are audited key by key with old and new value', async () => {
    const { admin, clinician } = await withUsers(h);
    expect(await h.call(clinician, 'settings.get')).toMatchObject({ autoLockMinutes: 5, stationName: 'Treatment room' });
    const after = await h.call(admin, 'settings.update', { changes: { autoLockMinutes: 10, room: 'Room 3', stationName: 'Treatment room' }, reason: 'clinic policy' });
    expect(after).toMatchObject({ autoLockMinutes: 10, room: 'Room 3' });
    const rows = h.station.services.audit.list({ action: 'settings.update' }).entries;
    // stationName did not change, so it has no row.
    expect(rows.map((r) => [r.entityId, r.oldValue, r.newValue, r.reason, r.username]).sort()).toEqual([
      ['autoLockMinutes', 5, 10, 'clinic policy', 'alice'],
      ['room', '', 'Room 3', 'clinic policy', 'alice'],
    ]);
    expect(h.settings.get('autoLockMinutes')).toBe(10);
  });

  it('a failed settings write leaves no audit row and no partial change', async () => {
    const { admin } = await withUsers(h);
    const inner = memorySettings();
    const failing = {
      get: inner.get.bind(inner),
      set: ((key, value) => {
        if (key === 'room') throw new Error('disk full');
        inner.set(key, value);
      }) as typeof inner.set,
    };
    (h.station.services.settings as unknown as { store: typeof failing }).store = failing;
    const before = h.station.services.audit.list().entries.length;
    expect((await h.fail(admin, 'settings.update', { changes: { autoLockMinutes: 7, room: 'Room 9' } })).code).toBe('internal');
    expect(inner.get('autoLockMinutes')).toBe(5);
    expect(h.station.services.audit.list().entries.length).toBe(before);
  });

  it('gun keys: in the key store (not the settings file), never shown to windows, never in the audit trail; forgetGun unpairs', async () => {
    const { admin, clinician } = await withUsers(h);
    const keys = h.station.services.gunKeys;
    const store = h.keys.forDataDir(h.dir);
    expect(keys.get('MG.0001')).toBeUndefined();
    keys.set('MG.0001', KEY);
    expect(keys.get('MG.0001')).toEqual(KEY);
    expect(store.get('gun-link.MG.0001')).toEqual(Buffer.from(KEY));
    expect(h.settings.get('pairedGuns')['MG.0001']).not.toHaveProperty('key');
    expect(JSON.stringify(h.settings.get('pairedGuns'))).not.toContain(KEY_B64);
    keys.markSeen('MG.0001', { model: 'MG-1', firmware: '1.0.0' });
    keys.markSeen('MG.0001', { model: 'MG-1', firmware: '1.1.0' });
    const view = (await h.call(clinician, 'settings.get')) as { pairedGuns: Record<string, Record<string, unknown>> };
    expect(view.pairedGuns['MG.0001']).toMatchObject({ model: 'MG-1', firmware: '1.1.0', lastSeenAt: expect.any(String) });
    expect(view.pairedGuns['MG.0001']).not.toHaveProperty('key');
    expect(JSON.stringify(view)).not.toContain(KEY_B64);

    expect((await h.fail(clinician, 'settings.forgetGun', { serial: 'MG.0001', reason: 'stolen' })).code).toBe('forbidden');
    await h.call(admin, 'settings.forgetGun', { serial: 'MG.0001', reason: 'sent for repair' });
    expect(keys.get('MG.0001')).toBeUndefined();
    expect(store.get('gun-link.MG.0001')).toBeUndefined();
    expect((await h.fail(admin, 'settings.forgetGun', { serial: 'MG.0001', reason: 'again' })).code).toBe('not-found');

    const actions = h.station.services.audit.list({ entity: 'gun' }).entries.map((e) => e.action);
    expect(actions).toEqual(['gun.unpair', 'gun.identity-change', 'gun.pair']);
    expect(JSON.stringify(h.station.db.prepare('SELECT * FROM audit_log').all())).not.toContain(KEY_B64);
  });
});

describe('the audit key in the key store', () => {
  let h: Harness;
  beforeEach(() => {
    h = makeHarness();
  });
  afterEach(() => h.close());

  it('is created at start-up in the key store, never in settings, never shown by settings.get, cannot be set through the contract, never audited', async () => {
    const { admin, clinician } = await withUsers(h);
    expect(h.settings.get('auditKey')).toBeUndefined();
    const stored = h.keys.forDataDir(h.dir).get('audit')!.toString('base64');
    expect(stored).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    for (const conn of [admin, clinician]) {
      const view = (await h.call(conn, 'settings.get')) as Record<string, unknown>;
      expect(view).not.toHaveProperty('auditKey');
      expect(JSON.stringify(view)).not.toContain(stored);
    }
    const err = await h.fail(admin, 'settings.update', { changes: { auditKey: 'A'.repeat(43) + '=' } });
    expect(err).toMatchObject({ code: 'validation', field: 'changes.auditKey' });
    await h.call(admin, 'settings.update', { changes: { room: 'Room 4' } });
    expect(h.settings.get('auditKey')).toBeUndefined();
    const dump = JSON.stringify(h.station.db.prepare('SELECT * FROM audit_log').all());
    expect(dump).not.toContain(stored);
    expect(dump).not.toContain('auditKey');
    expect(await h.call(admin, 'audit.verify')).toMatchObject({ ok: true });
  });

  it('a malformed key in the file is refused by the schema, as every other value is', async () => {
    const s = memorySettings();
    await expectCoreError(() => s.set('auditKey', 'short'), 'validation', { reason: 'validation.invalid', params: { field: 'auditKey' }, field: 'auditKey' });
  });
});

describe('gun pairing records who paired', () => {
  let h: Harness;
  beforeEach(() => {
    h = makeHarness();
  });
  afterEach(() => h.close());

  /** Stands in for GunLink: pair() stores the key after a few awaits, as the real one does. */
  function fakeLink(serial: string): GunLinkLike {
    const keys = h.station.services.gunKeys;
    const link = {
      state: 'awaiting-pairing',
      identity: null,
      status: null,
      refusal: null,
      pairingInProgress: false,
      beginPairing: async () => undefined,
      pair: async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        await Promise.resolve();
        keys.set(serial, KEY);
      },
      reconnect: () => undefined,
      on: () => () => undefined,
    };
    return link as unknown as GunLinkLike;
  }

  function service(serial: string): GunService {
    const s = h.station.services;
    return new GunService(fakeLink(serial), s.gunKeys, h.settings, h.station.events, 'test');
  }

  const alice: Actor = { userId: 1, username: 'alice', displayName: 'Alice Admin', role: 'admin' };
  const dora: Actor = { userId: 3, username: 'dora', displayName: 'Dora Admin', role: 'admin' };

  it('one audit row per pairing, naming the admin, also when two pair at once', async () => {
    await withUsers(h);
    const a = service('MG.0001');
    await a.beginPairing(alice);
    await Promise.all([a.pair(alice, '123456'), service('MG.0002').pair(dora, '654321')]);
    await a.pair(dora, '111111'); // re-pair by someone else
    const rows = h.station.services.audit.list({ entity: 'gun' }).entries.map((e) => [e.action, e.entityId, e.username]);
    expect(rows.sort()).toEqual(
      [
        ['gun.pair', 'MG.0001', 'alice'],
        ['gun.pair', 'MG.0002', 'dora'],
        ['gun.re-pair', 'MG.0001', 'dora'],
      ].sort(),
    );
  });

  it('a key stored outside a pairing call names nobody (the link alone)', async () => {
    await withUsers(h);
    h.station.services.gunKeys.set('MG.0003', KEY);
    expect(h.station.services.audit.list({ entity: 'gun' }).entries.map((e) => [e.action, e.userId])).toEqual([['gun.pair', null]]);
  });

  it('through the contract, the handler passes the caller: no gun here, so the link refuses and nothing is written', async () => {
    const { admin } = await withUsers(h);
    const before = h.station.services.audit.list({ entity: 'gun' }).entries.length;
    expect((await h.fail(admin, 'gun.pair', { code: '123456' })).code).toBe('gun');
    expect(h.station.services.audit.list({ entity: 'gun' }).entries.length).toBe(before);
  });
});

