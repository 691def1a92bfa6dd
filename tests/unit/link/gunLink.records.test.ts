// GunLink dose records: group commit, acknowledgement only after the commit, provenance (the gun's
// MAC) kept with each record, unknown codes stored rather than dropped, and sync from what is held.
import { describe, expect, it, vi } from 'vitest';
import { encodeFrame, linkKeyId } from '../../../device/protocol/index.js';
import { MemoryDoseSink, type DoseRecord, type DoseSink } from '../../../device/link/index.js';
import { doseRecordMessage } from '../../support/scriptedGun.js';
import { KEY, ready, tick, useLinkRigs, type Rig } from './linkRig.js';

const { rig } = useLinkRigs();

/** Several gun frames in one chunk, as the port delivers them when they arrive together. */
function together(r: Rig, ids: number[]): void {
  const session = r.gun.session!;
  r.port.feed(Buffer.concat(ids.map((id) => encodeFrame({ message: r.gun.record(id), sealer: session.sealer }))));
}

describe('GunLink dose records', () => {
  it('commits records read together in one batch and acks each after the commit', async () => {
    const r = rig();
    await ready(r);
    const doses: DoseRecord[] = [];
    r.link.on('dose', (d) => doses.push(d));
    const commits = r.sink.commits;
    together(r, [1, 2, 3]);
    await tick(5);
    expect(r.sink.commits - commits).toBe(1);
    expect(r.port.acks()).toEqual([1, 2, 3]);
    expect(doses.map((d) => d.recordId)).toEqual([1, 2, 3]);
    expect(doses[0]).toMatchObject({ gunSerial: 'SIM-0001', mode: 'papule', fault: null, deliveredNl: 19_501, authenticated: true, keyId: linkKeyId(KEY) });
    expect(doses[0]!.recordMac).toEqual(r.gun.record(1).recordMac);
  });

  it('never acks before the commit resolves', async () => {
    let release: (() => void) | null = null;
    const inner = new MemoryDoseSink();
    const slow: DoseSink = {
      highestContiguousRecordId: (s) => inner.highestContiguousRecordId(s),
      commit: async (records) => {
        await new Promise<void>((res) => (release = res));
        return inner.commit(records);
      },
    };
    const r = rig({ sink: slow });
    await ready(r);
    r.gun.send(r.gun.record(1));
    await tick(50);
    expect(release).not.toBeNull();
    r.gun.send(r.gun.record(2)); // arrives while the first commit is in flight
    await tick(50);
    expect(r.port.acks()).toEqual([]);
    release!();
    await tick(1);
    expect(r.port.acks()).toEqual([1]);
    release!();
    await tick(1);
    expect(r.port.acks()).toEqual([1, 2]);
  });

  it('stores a record whose MAC does not verify as unauthenticated: kept, acknowledged, counted', async () => {
    const r = rig();
    await ready(r);
    const doses: DoseRecord[] = [];
    r.link.on('dose', (d) => doses.push(d));
    // Made under another key (a record from before a re-pairing, say), sent over this authenticated session.
    r.gun.send(doseRecordMessage(1, new Uint8Array(32).fill(9)));
    await tick(5);
    expect(r.port.acks()).toEqual([1]);
    expect(r.link.stats.badRecordMacs).toBe(1);
    expect(r.sink.all('SIM-0001')).toEqual([expect.objectContaining({ recordId: 1, authenticated: false, keyId: linkKeyId(KEY) })]);
    expect(doses).toHaveLength(1);
  });

  it('stores a record with an unknown fault or mode code as "unknown (code N)", acknowledges and emits it', async () => {
    const r = rig();
    await ready(r);
    const doses: DoseRecord[] = [];
    r.link.on('dose', (d) => doses.push(d));
    r.gun.send(r.gun.record(1, { fault: 42 }));
    r.gun.send(r.gun.record(2, { mode: 9 }));
    await tick(5);
    expect(r.port.acks()).toEqual([1, 2]);
    expect(doses.map((d) => [d.fault, d.mode, d.authenticated])).toEqual([
      ['unknown (code 42)', 'papule', true],
      [null, 'unknown (code 9)', true],
    ]);
    expect(r.link.stats.unknownCodes).toBe(2);
  });

  it('re-acks a duplicate but does not emit it again', async () => {
    const r = rig();
    await ready(r);
    const doses = vi.fn();
    r.link.on('dose', doses);
    r.gun.send(r.gun.record(1));
    await tick(5);
    r.gun.send(r.gun.record(1)); // the gun's resend: new frame, new counter, same record
    await tick(5);
    together(r, [2, 2]);
    await tick(5);
    expect(r.port.acks()).toEqual([1, 1, 2]);
    expect(doses).toHaveBeenCalledTimes(2);
    expect(r.link.stats.duplicatesDropped).toBe(2);
  });

  it('a failed commit acknowledges nothing and reports commit-failed; the re-sent record is committed', async () => {
    const inner = new MemoryDoseSink();
    let fail = true;
    const flaky: DoseSink = {
      highestContiguousRecordId: (g) => inner.highestContiguousRecordId(g),
      commit: async (records) => {
        if (fail) throw new Error('disk full');
        return inner.commit(records);
      },
    };
    const r = rig({ sink: flaky });
    await ready(r);
    const failed = vi.fn();
    r.link.on('commit-failed', failed);
    r.gun.send(r.gun.record(1));
    await tick(5);
    expect(r.port.acks()).toEqual([]);
    expect(failed).toHaveBeenCalledWith({ error: expect.objectContaining({ message: 'disk full' }) });
    fail = false;
    r.gun.send(r.gun.record(1)); // the gun re-sends after 300 ms
    await tick(5);
    expect(r.port.acks()).toEqual([1]);
    expect(r.link.stats.commitFailures).toBe(1);
  });

  it('ignores records from a gun that has not authenticated', async () => {
    const r = rig({ key: null });
    r.link.start();
    await tick(10);
    r.port.send(doseRecordMessage(1, KEY));
    await tick(5);
    expect(r.port.acks()).toEqual([]);
    expect(r.link.stats.recordsBeforeAuth).toBe(1);
    expect(r.sink.all('SIM-0001')).toEqual([]);
  });

  it('syncs from the highest contiguous id the sink holds', async () => {
    const r = rig();
    const held = (id: number): DoseRecord => ({
      ...doseRecordMessage(id, KEY),
      gunSerial: 'SIM-0001',
      mode: 'papule',
      fault: null,
      recordCrc: 0,
      keyId: linkKeyId(KEY),
      authenticated: true,
      receivedAtMs: 0,
    });
    await r.sink.commit([1, 2, 3, 5].map(held));
    await ready(r);
    expect(r.port.requests.find((f) => f.message.type === 'SYNC_FROM')?.message).toEqual({ type: 'SYNC_FROM', afterRecordId: 3 });
  });
});
