// Dose records: persistence across reboot and restart, acknowledgement, resend, SYNC_FROM.
import { appendFileSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PROFILE, profileToWire } from '../../../device/protocol/index.js';
import { GunModel } from '../../../device/sim/gunModel.js';
import { FakeStation, tempStateFile } from './fakeStation.js';

const open: GunModel[] = [];
function station(stateFile: string): FakeStation {
  const st = new FakeStation(new GunModel({ stateFile, seed: 3, rateLimit: false }));
  open.push(st.gun);
  return st;
}
/** Reconnects as a station would after a restart: HELLO and authentication with the stored key. */
function reconnect(st: FakeStation, key: Uint8Array): void {
  st.hello();
  expect(st.auth(key).reply?.type).toBe('ACK');
}
function ack(st: FakeStation, ...ids: number[]): void {
  for (const recordId of ids) st.send({ type: 'RECORD_ACK', recordId });
}
function sync(st: FakeStation, afterRecordId: number) {
  st.clear();
  const started = st.expect({ type: 'SYNC_FROM', afterRecordId }, 'SYNC_STARTED');
  const ids = st.all('DOSE_RECORD').map((r) => r.recordId);
  const done = st.all('SYNC_DONE');
  return { pending: started.pendingRecords, ids, done, lastFrame: st.frames.at(-1)?.message };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  for (const g of open.splice(0)) g.close();
  vi.useRealTimers();
});

describe('record ids and acknowledgement', () => {
  it('numbers records from 1, forgets acknowledged ones, re-sends the rest every 300 ms', () => {
    const st = station(tempStateFile());
    st.ready();
    st.gun.fire(3);
    vi.advanceTimersByTime(1);
    expect(st.all('DOSE_RECORD').map((r) => r.recordId)).toEqual([1, 2, 3]);
    ack(st, 1, 3);
    expect(st.gun.unackedRecordIds).toEqual([2]);
    st.clear();
    st.heartbeat();
    vi.advanceTimersByTime(250);
    expect(st.all('DOSE_RECORD')).toHaveLength(0); // not yet 300 ms
    vi.advanceTimersByTime(100);
    expect(st.all('DOSE_RECORD').map((r) => r.recordId)).toEqual([2]);
    ack(st, 2);
    st.clear();
    st.heartbeat();
    vi.advanceTimersByTime(900);
    expect(st.all('DOSE_RECORD')).toHaveLength(0);
    expect(st.gun.log).toHaveLength(3); // the log keeps everything
  });
});

describe('SYNC_FROM', () => {
  it('answers SYNC_STARTED(pending), replays unacknowledged ids > n in order, then SYNC_DONE(last id)', () => {
    const st = station(tempStateFile());
    st.ready();
    st.gun.fire(6);
    vi.advanceTimersByTime(1);
    ack(st, 5);
    const s = sync(st, 2);
    // 1 and 2 are taken as acknowledged; 5 already was.
    expect(s.pending).toBe(3);
    expect(s.ids).toEqual([3, 4, 6]);
    expect(s.done).toEqual([{ type: 'SYNC_DONE', lastRecordId: 6 }]);
    expect(s.lastFrame?.type).toBe('SYNC_DONE');
    expect(st.gun.unackedRecordIds).toEqual([3, 4, 6]);
    expect(sync(st, 6)).toMatchObject({ pending: 0, ids: [], done: [{ lastRecordId: 6 }] });
    expect(st.gun.unackedRecordIds).toEqual([]);
  });

  it('a repeated SYNC_FROM (lost SYNC_STARTED) gets the same reply and the replay again', () => {
    const st = station(tempStateFile());
    st.ready();
    st.gun.fire(2);
    vi.advanceTimersByTime(1);
    st.clear();
    st.send({ type: 'SYNC_FROM', afterRecordId: 0 }, 200);
    st.send({ type: 'SYNC_FROM', afterRecordId: 0 }, 200);
    expect(st.frames.map((f) => f.message.type)).toEqual(['SYNC_STARTED', 'DOSE_RECORD', 'DOSE_RECORD', 'SYNC_DONE', 'SYNC_STARTED', 'DOSE_RECORD', 'DOSE_RECORD', 'SYNC_DONE']);
  });

  it('does not send records before the station is authenticated', () => {
    const file = tempStateFile();
    const st = station(file);
    const key = st.ready();
    st.gun.fire(2);
    vi.advanceTimersByTime(1);
    st.hello(); // new connection, not yet authenticated
    st.clear();
    vi.advanceTimersByTime(800); // watchdog would disarm; nothing is armed anyway
    expect(st.all('DOSE_RECORD')).toHaveLength(0);
    expect(st.all('STATUS').length).toBeGreaterThan(0);
    reconnect(st, key);
    expect(sync(st, 0).ids).toEqual([1, 2]);
  });
});

describe('persistence', () => {
  it('keeps key, ids, unacknowledged records and the full log across a reboot', () => {
    const st = station(tempStateFile());
    const key = st.ready();
    st.gun.fire(4);
    vi.advanceTimersByTime(1);
    ack(st, 1, 2);
    const before = st.gun.log.map((r) => ({ ...r }));
    const reasons: string[] = [];
    st.gun.on('disarmed', (r) => reasons.push(r));
    st.gun.reboot();
    expect(reasons).toEqual(['reboot']);
    expect(st.gun.armed).toBe(false);
    expect(st.gun.profile).toBeNull();
    expect(st.gun.authenticated).toBe(false);
    expect(st.gun.log).toEqual(before);
    expect(st.gun.unackedRecordIds).toEqual([3, 4]);
    reconnect(st, key);
    expect(sync(st, 2).ids).toEqual([3, 4]);
  });

  it('a new instance on the same file replays unacknowledged records and never reuses an id', () => {
    const file = tempStateFile();
    const a = station(file);
    const key = a.ready();
    a.gun.fire(3);
    vi.advanceTimersByTime(1);
    ack(a, 1);
    const total = a.gun.totalDeliveredNl();
    a.gun.close();
    // A crash mid-write leaves a torn last line: it is skipped.
    appendFileSync(file, '{"t":"rec","r":{"recordId":4,"comm');

    const b = station(file);
    expect(b.gun.log.map((r) => r.recordId)).toEqual([1, 2, 3]);
    expect(b.gun.totalDeliveredNl()).toBe(total);
    expect(b.hello().paired).toBe(true);
    expect(b.auth(key).reply?.type).toBe('ACK');
    const s = sync(b, 1);
    expect(s).toMatchObject({ pending: 2, ids: [2, 3], done: [{ lastRecordId: 3 }] });
    expect(b.expect({ type: 'SET_PROFILE', ...profileToWire(DEFAULT_PROFILE) }, 'PROFILE_ECHO')).toBeTruthy();
    b.expect({ type: 'ARM', budgetNl: 0xffff_ffff }, 'ACK');
    b.gun.fire(1);
    vi.advanceTimersByTime(1);
    expect(b.gun.log.map((r) => r.recordId)).toEqual([1, 2, 3, 4]);
    // The journal was compacted on load: the torn line is gone and every line parses.
    for (const line of readFileSync(file, 'utf8').trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('writes the record before sending it', () => {
    const file = tempStateFile();
    const st = station(file);
    st.ready();
    let onDiskWhenSent = false;
    st.gun.connect((bytes) => {
      st.onBytes(bytes);
      if (st.all('DOSE_RECORD').length === 1 && !onDiskWhenSent) onDiskWhenSent = readFileSync(file, 'utf8').includes('"recordId":1');
    });
    st.gun.fire(1);
    vi.advanceTimersByTime(1);
    expect(st.all('DOSE_RECORD')).toHaveLength(1);
    expect(onDiskWhenSent).toBe(true);
  });
});
