// Decoder fuzz: random and mutated frames. Nothing may throw, and no mutated frame may decode as a
// message other than the one that was sent (a "phantom"). Seeded so a failure can be replayed.
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder, MESSAGES, type Message, type MessageName } from '../../../device/protocol/index.js';
import { mulberry32 } from '../../../device/sim/prng.js';


function randomMessage(rand: () => number): Message {
  const names = Object.keys(MESSAGES) as MessageName[];
  const name = names[Math.floor(rand() * names.length)]!;
  const msg: Record<string, unknown> = { type: name };
  for (const [field, type] of MESSAGES[name].fields) {
    const int = (max: number) => Math.floor(rand() * (max + 1));
    switch (type) {
      case 'u8': msg[field] = int(0xff); break;
      case 'u16': msg[field] = int(0xffff); break;
      case 'u32': msg[field] = int(0xffffffff); break;
      case 'u64': msg[field] = int(2 ** 48); break;
      case 'bool': msg[field] = rand() < 0.5; break;
      case 'str': msg[field] = 'é'.repeat(int(10)) + 'x'.repeat(int(40)); break;
      default: {
        const n = type === 'bytes8' ? 8 : type === 'bytes16' ? 16 : 32;
        msg[field] = new Uint8Array(n).map(() => int(0xff));
      }
    }
  }
  return msg as unknown as Message;
}

function mutate(rand: () => number, wire: Uint8Array): Uint8Array {
  const body = Array.from(wire.subarray(0, -1));
  const kinds = Math.floor(rand() * 4);
  const at = () => Math.floor(rand() * body.length);
  const n = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < n; k++) {
    if (kinds === 0) {
      const i = at();
      body[i] = body[i]! ^ (1 << Math.floor(rand() * 8)); // bit flip
    } else if (kinds === 1) body[at()] = Math.floor(rand() * 256); // byte replaced
    else if (kinds === 2) body.splice(at(), 1); // byte lost
    else body.splice(at(), 0, Math.floor(rand() * 256)); // byte inserted
  }
  return Uint8Array.from([...body, 0]);
}

describe('decoder fuzz', () => {
  it('survives 60,000 mutated frames with no exception and no phantom message', () => {
    const rand = mulberry32(0xc0ffee);
    let decodedSame = 0;
    let rejected = 0;
    for (let i = 0; i < 60_000; i++) {
      const message = randomMessage(rand);
      const wire = encodeFrame({ seq: i & 0xff, message });
      const mutated = mutate(rand, wire);
      const decoder = new FrameDecoder();
      const results = decoder.push(mutated);
      for (const r of results) {
        if (r.ok) {
          // A mutation that left the frame valid can only be one that changed nothing it covers.
          // The header is covered too: a changed seq or ack would match a reply to the wrong request.
          expect(r.frame.message).toEqual(message);
          expect(r.frame.seq).toBe(i & 0xff);
          expect(r.frame.ack).toBe(0);
          decodedSame++;
        } else rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(55_000);
    expect(decodedSame + rejected).toBeGreaterThanOrEqual(60_000);
  });

  it('finds no frame in 50,000 random byte strings', () => {
    const rand = mulberry32(42);
    const decoder = new FrameDecoder();
    let bytes = 0;
    for (let i = 0; i < 50_000; i++) {
      const len = 1 + Math.floor(rand() * 80);
      const chunk = new Uint8Array(len).map(() => (rand() < 0.05 ? 0 : Math.floor(rand() * 256)));
      bytes += len;
      expect(() => decoder.push(chunk)).not.toThrow();
    }
    expect(decoder.stats.framesOk).toBe(0);
    expect(decoder.stats.framesBad).toBeGreaterThan(1000);
    expect(bytes).toBeGreaterThan(1_000_000);
  });

  it('finds every good frame in a stream interleaved with garbage', () => {
    const rand = mulberry32(7);
    const decoder = new FrameDecoder();
    const sent: Message[] = [];
    const got: Message[] = [];
    for (let i = 0; i < 5_000; i++) {
      const m = randomMessage(rand);
      sent.push(m);
      const garbage = new Uint8Array(Math.floor(rand() * 20)).map(() => Math.floor(rand() * 256));
      // Garbage is always followed by a delimiter, as noise on a line is followed by the next frame's resync.
      for (const r of decoder.push(Uint8Array.from([...garbage, 0, ...encodeFrame({ message: m })]))) if (r.ok) got.push(r.frame.message);
    }
    expect(got).toEqual(sent);
  });
});
