// The test/bench SQLite sink: idempotent commits and the highest contiguous id with gaps.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DoseRecord } from '../../../device/link/index.js';
import { SqliteDoseSink } from '../../support/sqliteDoseSink.js';

const rec = (gunSerial: string, recordId: number): DoseRecord => ({
  gunSerial, recordId, commandedNl: 20_000, deliveredNl: 19_900, depthUm: 2_000, entryPct: 0, dwellPct: 100, exitPct: 0,
  mode: 'papule', startedAtMs: 1, endedAtMs: 2, fault: recordId === 3 ? 'occlusion' : null, recordCrc: 123, receivedAtMs: 3,
  recordMac: new Uint8Array(32).fill(recordId), keyId: '00112233aabbccdd', authenticated: recordId !== 2,
});

describe('SqliteDoseSink', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const open = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sink-'));
    dirs.push(dir);
    return new SqliteDoseSink(join(dir, 'doses.db'));
  };

  it('reports only new records and stores each once', async () => {
    const sink = open();
    expect((await sink.commit([rec('A', 1), rec('A', 2)])).map((r) => r.recordId)).toEqual([1, 2]);
    expect((await sink.commit([rec('A', 2), rec('A', 3), rec('B', 2)])).map((r) => `${r.gunSerial}${r.recordId}`)).toEqual(['A3', 'B2']);
    expect(sink.count('A')).toBe(3);
    expect(sink.all('A')[2]).toEqual(rec('A', 3));
    sink.close();
  });

  it('computes the highest contiguous id, with gaps and per gun', async () => {
    const sink = open();
    expect(await sink.highestContiguousRecordId('A')).toBe(0);
    await sink.commit([2, 3, 5].map((id) => rec('A', id)));
    expect(await sink.highestContiguousRecordId('A')).toBe(0);
    await sink.commit([rec('A', 1), rec('B', 1)]);
    expect(await sink.highestContiguousRecordId('A')).toBe(3);
    await sink.commit([rec('A', 4)]);
    expect(await sink.highestContiguousRecordId('A')).toBe(5);
    expect(await sink.highestContiguousRecordId('B')).toBe(1);
    sink.close();
  });
});
