// The serialized request queue on its own: exact bytes out, replies matched on ack, retransmit of the
// same bytes (same seq) every 250 ms, four times, then a timeout.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeFrame, type Frame } from '../../../device/protocol/index.js';
import { RequestQueue } from '../../../device/link/requestQueue.js';
import { LinkError } from '../../../device/link/errors.js';

function reply(ack: number, message: Frame['message']): Frame {
  return { version: 3, seq: 0, ack, message, tag: null, signed: new Uint8Array(0) };
}
const encode = (seq: number, message: Frame['message']) => encodeFrame({ seq, message });

describe('RequestQueue', () => {
  let writes: Uint8Array[];
  let queue: RequestQueue;
  let retransmits: number;

  beforeEach(() => {
    vi.useFakeTimers();
    writes = [];
    retransmits = 0;
    queue = new RequestQueue({
      write: async (b) => {
        writes.push(b);
      },
      encode,
      timeoutMs: 250,
      retries: 4,
      onRetransmit: () => retransmits++,
    });
  });
  afterEach(() => vi.useRealTimers());

  it('writes the exact frame with seq 1 and resolves on the reply that acks it', async () => {
    const p = queue.request({ type: 'ARM', budgetNl: 1_000_000 });
    expect(writes).toEqual([encodeFrame({ seq: 1, message: { type: 'ARM', budgetNl: 1_000_000 } })]);
    expect(queue.handleReply(reply(7, { type: 'ACK' }))).toBe(false); // stale ack: ignored
    expect(queue.handleReply(reply(1, { type: 'ACK' }))).toBe(true);
    await expect(p).resolves.toEqual({ type: 'ACK' });
  });

  it('retransmits the same bytes every 250 ms, 4 times, then fails with a timeout', async () => {
    const p = queue.request({ type: 'SYNC_FROM', afterRecordId: 41 });
    const failed = expect(p).rejects.toMatchObject({ code: 'timeout' });
    const first = encodeFrame({ seq: 1, message: { type: 'SYNC_FROM', afterRecordId: 41 } });
    await vi.advanceTimersByTimeAsync(249);
    expect(writes).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(writes).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(750);
    expect(writes).toHaveLength(5);
    for (const w of writes) expect(w).toEqual(first);
    expect(retransmits).toBe(4);
    await vi.advanceTimersByTimeAsync(250);
    await failed;
    expect(writes).toHaveLength(5);
  });

  it('a reply to a retransmission still resolves the request', async () => {
    const p = queue.request({ type: 'DISARM' });
    await vi.advanceTimersByTimeAsync(600);
    expect(writes).toHaveLength(3);
    queue.handleReply(reply(1, { type: 'ACK' }));
    await expect(p).resolves.toEqual({ type: 'ACK' });
    await vi.advanceTimersByTimeAsync(2000);
    expect(writes).toHaveLength(3);
  });

  it('serializes: the second request is written only after the first is answered, with the next seq', async () => {
    const a = queue.request({ type: 'ARM', budgetNl: 1_000_000 });
    const b = queue.request({ type: 'DISARM' });
    expect(writes).toHaveLength(1);
    queue.handleReply(reply(1, { type: 'ACK' }));
    await a;
    await vi.advanceTimersByTimeAsync(0);
    expect(writes[1]).toEqual(encodeFrame({ seq: 2, message: { type: 'DISARM' } }));
    queue.handleReply(reply(2, { type: 'ACK' }));
    await b;
  });

  it('seq runs 1..255 and wraps to 1, never 0', async () => {
    for (let i = 0; i < 256; i++) {
      const p = queue.request({ type: 'ARM', budgetNl: 1_000_000 });
      const seq = (i % 255) + 1;
      queue.handleReply(reply(seq, { type: 'ACK' }));
      await p;
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(writes[254]).toEqual(encodeFrame({ seq: 255, message: { type: 'ARM', budgetNl: 1_000_000 } }));
    expect(writes[255]).toEqual(encodeFrame({ seq: 1, message: { type: 'ARM', budgetNl: 1_000_000 } }));
  });

  it('can start at another seq (a new station process should not reuse the last one\'s seqs)', async () => {
    const q = new RequestQueue({ write: async (b) => void writes.push(b), encode, timeoutMs: 250, retries: 4, firstSeq: 254 });
    const seqs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const p = q.request({ type: 'DISARM' });
      seqs.push(q.inFlight!.seq);
      q.handleReply(reply(q.inFlight!.seq, { type: 'ACK' }));
      await p;
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(seqs).toEqual([254, 255, 1]);
    expect(() => new RequestQueue({ write: async () => undefined, encode, timeoutMs: 1, retries: 0, firstSeq: 0 })).toThrow(RangeError);
  });

  it('a failing write fails the request at once; failAll rejects the queued ones', async () => {
    const q = new RequestQueue({ write: () => Promise.reject(new LinkError('timeout', 'write stuck')), encode, timeoutMs: 250, retries: 4 });
    await expect(q.request({ type: 'ARM', budgetNl: 1_000_000 })).rejects.toMatchObject({ code: 'timeout' });
    const a = queue.request({ type: 'ARM', budgetNl: 1_000_000 });
    const b = queue.request({ type: 'DISARM' });
    queue.failAll(new LinkError('disconnected', 'gone'));
    await expect(a).rejects.toMatchObject({ code: 'disconnected' });
    await expect(b).rejects.toMatchObject({ code: 'disconnected' });
    expect(vi.getTimerCount()).toBe(0);
  });
});
