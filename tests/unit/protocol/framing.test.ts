import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cobsDecode, cobsEncode, crc32, decodeFrame, encodeFrame, FrameDecoder, MAX_PAYLOAD_BYTES, PROTOCOL_VERSION, type Message } from '../../../device/protocol/index.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('crc32', () => {
  it('matches the standard check value and zlib', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    const data = new Uint8Array(1000).map((_, i) => (i * 31 + 7) & 0xff);
    expect(crc32(data)).toBe(zlibCrc32(data));
  });
});

describe('COBS', () => {
  // Vectors from Cheshire & Baker's paper (as listed on the COBS Wikipedia page).
  const vectors: [number[], number[]][] = [
    [[0x00], [0x01, 0x01]],
    [[0x00, 0x00], [0x01, 0x01, 0x01]],
    [[0x00, 0x11, 0x00], [0x01, 0x02, 0x11, 0x01]],
    [[0x11, 0x22, 0x00, 0x33], [0x03, 0x11, 0x22, 0x02, 0x33]],
    [[0x11, 0x22, 0x33, 0x44], [0x05, 0x11, 0x22, 0x33, 0x44]],
    [[0x11, 0x00, 0x00, 0x00], [0x02, 0x11, 0x01, 0x01, 0x01]],
  ];
  it.each(vectors)('encodes %j', (input, expected) => {
    expect([...cobsEncode(bytes(...input))]).toEqual(expected);
    expect([...cobsDecode(bytes(...expected))!]).toEqual(input);
  });

  it('handles 254-byte runs without a zero', () => {
    const run = new Uint8Array(254).map((_, i) => i + 1);
    const enc = cobsEncode(run);
    expect(enc[0]).toBe(0xff);
    expect(enc.includes(0)).toBe(false);
    expect([...cobsDecode(enc)!]).toEqual([...run]);
    const longer = new Uint8Array(600).map((_, i) => (i % 7 === 0 ? 0 : i & 0xff) || 1);
    expect([...cobsDecode(cobsEncode(longer))!]).toEqual([...longer]);
  });

  it('rejects a zero inside or a code that runs past the end', () => {
    expect(cobsDecode(bytes(0x03, 0x11, 0x00))).toBeNull();
    expect(cobsDecode(bytes(0x05, 0x11))).toBeNull();
  });
});

const heartbeat: Message = { type: 'HEARTBEAT', stationTimeMs: 1_790_000_000_000 };

describe('frames', () => {
  it('lays out header, payload and CRC as documented', () => {
    const wire = encodeFrame({ seq: 0, message: { type: 'RECORD_ACK', recordId: 0x01020304 } });
    expect(wire.at(-1)).toBe(0);
    const raw = cobsDecode(wire.subarray(0, -1))!;
    expect([...raw.subarray(0, 6)]).toEqual([PROTOCOL_VERSION, 0x21, 0, 0, 4, 0]);
    expect([...raw.subarray(6, 10)]).toEqual([0x04, 0x03, 0x02, 0x01]);
    const crc = new DataView(raw.buffer, raw.byteOffset).getUint32(10, true);
    expect(crc).toBe(zlibCrc32(raw.subarray(0, 10)));
  });

  it('round-trips seq, ack and every field type', () => {
    const identity: Message = {
      type: 'IDENTITY', model: 'MesoGun MG-9 ünïcode', serial: 'SN-1', firmware: '1.2.3', protocolVersion: 1,
      schemaHash: bytes(1, 2, 3, 4, 5, 6, 7, 8), paired: true, doseMinNl: 5000, doseMaxNl: 200000,
      depthMinUm: 500, depthMaxUm: 6000, maxShotsPerS: 9, minIntervalMs: 111, reservoirCapacityNl: 10_000_000,
    };
    const wire = encodeFrame({ seq: 0, ack: 200, message: identity });
    const res = decodeFrame(wire.subarray(0, -1), 'gun');
    expect(res.ok).toBe(true);
    if (res.ok) {
      expect(res.frame.ack).toBe(200);
      expect(res.frame.message).toEqual(identity);
    }
  });

  it('refuses a message arriving from the wrong side', () => {
    const wire = encodeFrame({ message: heartbeat });
    const res = decodeFrame(wire.subarray(0, -1), 'gun');
    expect(res).toMatchObject({ ok: false, error: { kind: 'unknownType' } });
  });

  it('refuses other versions except for HELLO and IDENTITY', () => {
    const v1 = encodeFrame({ version: 1, message: heartbeat });
    expect(decodeFrame(v1.subarray(0, -1))).toMatchObject({ ok: false, error: { kind: 'version' } });
    const hello = encodeFrame({ version: 1, seq: 1, message: { type: 'HELLO', protocolVersion: 1, stationName: 'x' } });
    const res = decodeFrame(hello.subarray(0, -1));
    expect(res.ok && res.frame.version).toBe(1);
  });

  it('names each kind of bad payload', () => {
    const corruptAt = (message: Message, mutate: (raw: Uint8Array) => Uint8Array) => {
      const raw = cobsDecode(encodeFrame({ message }).subarray(0, -1))!;
      const changed = mutate(raw.slice());
      const view = new DataView(changed.buffer);
      view.setUint16(4, changed.length - 10, true);
      view.setUint32(changed.length - 4, crc32(changed, 0, changed.length - 4), true);
      return decodeFrame(cobsEncode(changed));
    };
    const status: Message = { type: 'STATUS', armed: true, authenticated: true, reservoirNl: 1, batteryPct: 50, needleSeated: true, faultFlags: 0, gunTimeMs: 5, lastRecordId: 0 };
    expect(corruptAt(status, (r) => ((r[6] = 2), r))).toMatchObject({ ok: false, error: { kind: 'payload', detail: expect.stringContaining('armed') } });
    const withTail = (r: Uint8Array) => {
      const out = new Uint8Array(r.length + 1);
      out.set(r.subarray(0, r.length - 4));
      return out;
    };
    expect(corruptAt(heartbeat, withTail)).toMatchObject({ ok: false, error: { kind: 'payload', detail: expect.stringContaining('trailing') } });
    const fault: Message = { type: 'FAULT', code: 3, active: true, detail: 'ab' };
    expect(corruptAt(fault, (r) => ((r[9] = 0xff), r))).toMatchObject({ ok: false, error: { kind: 'payload', detail: expect.stringContaining('UTF-8') } });
  });

  it('refuses values that do not fit their field when encoding', () => {
    // encodeFrame refuses a caller's bug with a plain RangeError (no code): the field it names is what there is to match.
    expect(() => encodeFrame({ message: { type: 'RECORD_ACK', recordId: -1 } })).toThrow(/recordId/);
    expect(() => encodeFrame({ message: { type: 'FAULT', code: 1, active: true, detail: 'x'.repeat(65) } })).toThrow(/detail/);
  });
});

describe('streaming decoder', () => {
  const frames: Message[] = [
    heartbeat,
    { type: 'RECORD_ACK', recordId: 7 },
    { type: 'HELLO', protocolVersion: 1, stationName: 'Room 2' },
  ];
  const stream = Buffer.concat(frames.map((m, i) => encodeFrame({ seq: i, message: m })));

  it('decodes frames split at every possible point', () => {
    for (let cut = 1; cut < stream.length; cut++) {
      const d = new FrameDecoder();
      const out = [...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))];
      expect(out.filter((r) => r.ok).map((r) => r.ok && r.frame.message)).toEqual(frames);
    }
  });

  it('resynchronises after line noise and counts what it dropped', () => {
    const d = new FrameDecoder();
    const noise = bytes(0x13, 0x37, 0x42);
    const out = d.push(Buffer.concat([noise, bytes(0), stream]));
    expect(out.filter((r) => r.ok)).toHaveLength(3);
    expect(d.stats.framesBad).toBe(1);
    expect(d.stats.bytesDiscarded).toBe(3);
  });

  it('drops an overlong run without buffering it', () => {
    const d = new FrameDecoder();
    const junk = new Uint8Array(MAX_PAYLOAD_BYTES * 4).fill(0x55);
    const out = d.push(Buffer.concat([junk, bytes(0), stream]));
    expect(out[0]).toMatchObject({ ok: false, error: { kind: 'oversize' } });
    expect(out.filter((r) => r.ok)).toHaveLength(3);
  });

  it('ignores idle delimiters', () => {
    const d = new FrameDecoder();
    expect(d.push(bytes(0, 0, 0))).toEqual([]);
    expect(d.stats.framesBad).toBe(0);
  });
});
