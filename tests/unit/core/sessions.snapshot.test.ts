import { afterEach, describe, expect, it } from 'vitest';
import { MACHINE_VERSION } from '../../../electron/core/sessions/machine.js';
import { restoreActor, upgradeSnapshot } from '../../../electron/core/sessions/snapshotCodec.js';
import { CLINICIAN, armIn, expectCoreError, makeHarness, toMesotherapy, type Harness } from './sessionsHarness.js';

let h: Harness;
afterEach(() => h?.close());

describe('workflow snapshot', () => {
  it('round-trips through the database: a restart finds the session in its phase and step', async () => {
    h = await makeHarness();
    const { id } = await h.service.start(CLINICIAN, { patientId: 1, intake: {} });
    await h.service.thermo(CLINICIAN, { sessionId: id, stage: 'steam' }, 'start');
    h.clock.advance(90_000);
    await h.service.thermo(CLINICIAN, { sessionId: id, stage: 'steam' }, 'pause');
    const before = h.service.get(id);
    h = await h.restart();
    const after = h.service.getActive();
    expect(after?.id).toBe(id);
    expect(after?.phase).toBe('thermotherapy');
    expect(after?.step).toBe('steam.paused');
    expect(after?.thermo).toEqual(before.thermo);
    await h.service.thermo(CLINICIAN, { sessionId: id, stage: 'steam' }, 'resume');
    expect(h.service.get(id).step).toBe('steam.running');
    const row = h.db.prepare('SELECT machine_version FROM clinical_sessions WHERE id = ?').get(id) as { machine_version: number };
    expect(row.machine_version).toBe(MACHINE_VERSION);
  });

  it('an armed snapshot comes back disarmed (the gun disarmed itself), with every committed dose', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'parietal_right');
    await h.gun.fire(4);
    h.gun.armed = false;
    h = await h.restart();
    const v = h.service.getActive()!;
    expect(v.phase).toBe('mesotherapy');
    expect(v.armed).toBe(false);
    expect(v.zone).toBe('parietal_right');
    expect(v.zones.find((z) => z.zone === 'parietal_right')?.shots).toBe(4);
    const last = h.db.prepare('SELECT event, detail FROM session_steps WHERE session_id = ? ORDER BY id DESC LIMIT 1').get(id) as { event: string };
    expect(last.event).toBe('DISARMED');
    // It can be armed again and goes on counting in the same session.
    await h.service.arm(CLINICIAN, { sessionId: id });
    await h.gun.fire(1);
    expect(h.service.get(id).totalShots).toBe(5);
  });

  it('refuses a snapshot of an unknown machine version, and migrates a known older one explicitly', async () => {
    h = await makeHarness();
    const { id } = await h.service.start(CLINICIAN, { patientId: 1, intake: {} });
    const row = h.db.prepare('SELECT snapshot FROM clinical_sessions WHERE id = ?').get(id) as { snapshot: string };
    await expectCoreError(() => upgradeSnapshot({ machineVersion: MACHINE_VERSION + 1, json: row.snapshot }), 'conflict', 'session.workflow-version');
    await expectCoreError(() => upgradeSnapshot({ machineVersion: 0, json: row.snapshot }), 'conflict', 'session.workflow-version');
    // An older version goes through its migration, never read as-is; a missing step is refused.
    const upgraded = upgradeSnapshot({ machineVersion: MACHINE_VERSION, json: row.snapshot }, {});
    expect(upgraded).toEqual(JSON.parse(row.snapshot));
    // A row claiming another version: the station still starts, the session is refused, nothing overwritten.
    h.db.prepare('UPDATE clinical_sessions SET machine_version = 99 WHERE id = ?').run(id);
    h = await h.restart();
    expect(h.service.getActive()).toBeNull();
    await expectCoreError(h.service.start(CLINICIAN, { patientId: 1, intake: {} }), 'conflict', 'session.open-unreadable');
    await expectCoreError(() => h.service.get(id), 'conflict', { reason: 'session.workflow-version', params: { version: 99 } });
  });

  it('refuses a snapshot whose state the machine does not know', async () => {
    h = await makeHarness();
    const { id } = await h.service.start(CLINICIAN, { patientId: 1, intake: {} });
    const row = h.db.prepare('SELECT snapshot FROM clinical_sessions WHERE id = ?').get(id) as { snapshot: string };
    const bad = JSON.parse(row.snapshot) as { value: unknown };
    bad.value = { 'cryotherapy': 'running' };
    expect(() => restoreActor({ machineVersion: MACHINE_VERSION, json: JSON.stringify(bad) }, id)).toThrow();
  });
});

describe('snapshot migrations', () => {
  it('applies each step from the stored version up to the current one, and refuses a gap', async () => {
    const migrations = {
      1: (s: unknown) => ({ ...(s as object), a: 1 }),
      2: (s: unknown) => ({ ...(s as object), b: 2 }),
    };
    expect(upgradeSnapshot({ machineVersion: 1, json: '{"value":"intake"}' }, migrations, 3)).toEqual({ value: 'intake', a: 1, b: 2 });
    expect(upgradeSnapshot({ machineVersion: 2, json: '{}' }, migrations, 3)).toEqual({ b: 2 });
    await expectCoreError(() => upgradeSnapshot({ machineVersion: 1, json: '{}' }, { 2: migrations[2] }, 3), 'conflict', 'session.workflow-version');
    await expectCoreError(() => upgradeSnapshot({ machineVersion: 4, json: '{}' }, migrations, 3), 'conflict', 'session.workflow-version');
  });
});
