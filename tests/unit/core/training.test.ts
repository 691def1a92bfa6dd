// Training mode in the core: a database belongs to one mode for good; the trigger exists only in
// training mode; entering training is refused while a session is in progress; a clinical station
// refuses a simulated gun and a training station a real one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreError } from '../../../electron/core/errors.js';
import { memoryKeyVault } from '../../../electron/core/keys/keyStore.js';
import { memorySettings } from '../../../electron/core/settings/store.js';
import { createStation } from '../../../electron/core/station.js';
import { stationModeOf } from '../../../electron/core/storage/stationMode.js';
import type { TrainingPort } from '../../../electron/core/training/port.js';
import { FAST_USERS } from '../../support/users.js';
import { makeHarness as makeStation, withUsers, type Harness as StationHarness } from './access.fixture.js';
import { CLINICIAN, PROFILE, expectCoreError, makeHarness, type Harness } from './sessionsHarness.js';

let station: StationHarness | null = null;
let sessions: Harness | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await station?.close();
  station = null;
  sessions?.close();
  sessions = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'meso-mode-'));
  dirs.push(d);
  return d;
}

function fakePort(mode: 'clinical' | 'training', calls: string[]): TrainingPort {
  return {
    mode,
    simulator: () => ({ serial: 'SIM-1', pairingCode: null, armed: false, reservoirNl: 5_000_000, faults: [], shots: 0, plugged: true, triggerHeld: false }),
    trigger: (held, id) => void calls.push(`trigger ${held} ${id}`),
    connectionClosed: (id) => void calls.push(`closed ${id}`),
    switchTo: (m) => void calls.push(`switch ${m}`),
    onChanged: () => () => undefined,
  };
}

describe('station mode', () => {
  it('claims a new database for its mode, and refuses one of the other mode', async () => {
    const d = dir();
    const keys = memoryKeyVault();
    const first = createStation({ dataDir: d, settings: memorySettings(), keys, users: FAST_USERS, autoLockSweepMs: 0, mode: 'training' });
    expect(stationModeOf(first.db)).toBe('training');
    await first.close();
    let err: unknown;
    try {
      createStation({ dataDir: d, settings: memorySettings(), keys, users: FAST_USERS, autoLockSweepMs: 0, mode: 'clinical' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CoreError);
    expect((err as CoreError).reason).toEqual({ code: 'station.mode-mismatch', params: { found: 'training', wanted: 'clinical' } });
  });

  it('setup.status says the mode; a station built without one is clinical', async () => {
    station = makeStation();
    const conn = station.station.newConnection();
    expect(await station.call(conn, 'setup.status')).toMatchObject({ mode: 'clinical' });
    expect(stationModeOf(station.station.db)).toBe('clinical');
  });
});

describe('training contract', () => {
  it('the trigger is refused outside training mode, whoever calls, and works in it', async () => {
    station = makeStation();
    const conn = station.station.newConnection();
    const e = await station.fail(conn, 'training.trigger', { held: true });
    expect(e).toMatchObject({ code: 'blocked', reason: { code: 'training.only' } });

    const calls: string[] = [];
    const t = createStation({ dataDir: dir(), settings: memorySettings(), keys: memoryKeyVault(), users: FAST_USERS, autoLockSweepMs: 0, mode: 'training', training: fakePort('training', calls) });
    try {
      const c = t.newConnection();
      await t.dispatch(c, 'training.trigger', { held: true });
      t.closeConnection(c);
      expect(calls).toEqual([`trigger true ${c.id}`, `closed ${c.id}`]);
      expect(await t.dispatch(t.newConnection(), 'training.status', {})).toMatchObject({ mode: 'training', simulator: { serial: 'SIM-1' } });
    } finally {
      await t.close();
    }
  });

  it('entering training from the login screen is audited as the station and asks the host to switch', async () => {
    const calls: string[] = [];
    const s = createStation({ dataDir: dir(), settings: memorySettings(), keys: memoryKeyVault(), users: FAST_USERS, autoLockSweepMs: 0, training: fakePort('clinical', calls) });
    try {
      expect(await s.dispatch(s.newConnection(), 'training.enter', {})).toEqual({ ok: true, mode: 'training' });
      expect(calls).toEqual(['switch training']);
      const row = s.services.audit.list({ action: 'station.training-enter' }).entries[0];
      expect(row).toMatchObject({ userId: null, username: 'station:signed-out', newValue: { from: 'clinical', to: 'training' } });
    } finally {
      await s.close();
    }
  });
});

describe('the gun must fit the mode', () => {
  it('a clinical station refuses a simulated gun for a session; a training station refuses a real one', async () => {
    sessions = await makeHarness({ dir: dir(), mode: 'clinical' });
    const { id } = await sessions.service.start(CLINICIAN, { patientId: 1, intake: {} });
    await sessions.service.skipThermo(CLINICIAN, { sessionId: id, reason: 'test', admin: { username: 'root', password: 'root-pass-1' } });
    await sessions.service.prepare(CLINICIAN, { sessionId: id, serum: { serumVersionId: 1, lotNumber: 'L-2025-01', expiry: '2099-12-31' }, needleNewConfirmed: true });
    const e = await expectCoreError(sessions.service.setProfile(CLINICIAN, { sessionId: id, profile: PROFILE }), 'blocked');
    expect(e.reason).toEqual({ code: 'gun.simulated-on-clinical' });
    expect(sessions.gun.calls).not.toContain('setProfile');
    sessions.close();

    sessions = await makeHarness({ dir: dir(), mode: 'training' });
    sessions.gun.simulated = false;
    const s2 = await sessions.service.start(CLINICIAN, { patientId: 1, intake: {} });
    await sessions.service.skipThermo(CLINICIAN, { sessionId: s2.id, reason: 'test', admin: { username: 'root', password: 'root-pass-1' } });
    await sessions.service.prepare(CLINICIAN, { sessionId: s2.id, serum: { serumVersionId: 1, lotNumber: 'L-2025-01', expiry: '2099-12-31' }, needleNewConfirmed: true });
    const e2 = await expectCoreError(sessions.service.setProfile(CLINICIAN, { sessionId: s2.id, profile: PROFILE }), 'blocked');
    expect(e2.reason).toEqual({ code: 'gun.real-in-training' });
  });

  it('entering training is refused while a session is in progress', async () => {
    station = makeStation();
    const { clinician } = await withUsers(station);
    const patient = (await station.call(clinician, 'patients.create', { fullName: 'A B', birthDate: '1980-01-01', sex: 'male' })) as { id: number };
    const screened = (await station.call(clinician, 'patients.recordScreening', {
      patientId: patient.id,
      pregnancy: false,
      breastfeeding: false,
      immunologicalDisease: false,
      activeCancer: false,
      diabetes: false,
      anaestheticAllergy: false,
      other: false,
    })) as { screening: { id: number } };
    const form = ((await station.call(clinician, 'consents.templates', {})) as { language: string; versionId: number }[]).find((f) => f.language === 'en')!;
    const signature = { kind: 'drawn', width: 480, height: 160, strokes: [[[20, 80], [60, 40], [100, 90], [140, 50], [180, 85]]] };
    await station.call(clinician, 'consents.record', { patientId: patient.id, templateVersionId: form.versionId, signature });
    const s = (await station.call(clinician, 'sessions.start', { patientId: patient.id, intake: { identityConfirmed: true, screeningId: screened.screening.id } })) as { id: number };
    const e = await station.fail(station.station.newConnection(), 'training.enter', {});
    expect(e).toMatchObject({ code: 'blocked', reason: { code: 'training.session-in-progress', params: { sessionId: s.id } } });
  });
});
