// Frame layout (before COBS), all little-endian:
//   version u8 | type u8 | seq u8 | ack u8 | length u16 | payload (length bytes) | [trailer] | crc32 u32
// trailer (authenticated frames only, tags.ts): counter u32 | tag 16 bytes. `length` counts the
// payload alone, so the trailer's presence is read from the frame's size: exactly 0 or 20 bytes may
// follow the payload. Whether a tag was *due* is the receiver's rule, not the frame's (see the link
// and the gun). The CRC covers everything before it. On the wire: COBS(frame), then one 0x00.
import { cobsDecode, cobsEncode } from './cobs.js';
import { crc32 } from './crc32.js';
import { decodePayload, encodePayload } from './codec.js';
import { MAX_PAYLOAD_BYTES, PROTOCOL_VERSION } from './constants.js';
import type { FrameError } from './errors.js';
import { MESSAGES, messageNameForCode, type Message } from './schema.js';
import { COUNTER_BYTES, TRAILER_BYTES, type FrameSealer, type FrameTag } from './tags.js';

export const HEADER_BYTES = 6;
export const CRC_BYTES = 4;
/** The longest COBS-encoded frame, delimiter excluded. */
export const MAX_ENCODED_FRAME_BYTES = Math.ceil(((HEADER_BYTES + MAX_PAYLOAD_BYTES + TRAILER_BYTES + CRC_BYTES) * 255) / 254) + 1;

/** HELLO and IDENTITY keep their layout in every protocol version, so any station can read any gun's identity. */
const VERSION_FROZEN = new Set<number>([MESSAGES.HELLO.code, MESSAGES.IDENTITY.code]);

export interface Frame {
  /** Protocol version the sender speaks. */
  readonly version: number;
  /** The sender's sequence number for a request (1-255); 0 for events. */
  readonly seq: number;
  /** For a reply, the seq of the request it answers; otherwise 0. */
  readonly ack: number;
  readonly message: Message;
  /** The trailer, when the frame carries one (not yet checked: the receiver's session does that). */
  readonly tag: FrameTag | null;
  /** The bytes the tag covers with the counter: header and payload. */
  readonly signed: Uint8Array;
}

export interface FrameToEncode {
  seq?: number;
  ack?: number;
  version?: number;
  message: Message;
  /** Tags the frame with this direction's next counter. */
  sealer?: FrameSealer;
}

export function encodeFrame(frame: FrameToEncode): Uint8Array {
  const payload = encodePayload(frame.message);
  if (payload.length > MAX_PAYLOAD_BYTES) throw new RangeError(`${frame.message.type}: payload of ${payload.length} bytes`);
  const signedLength = HEADER_BYTES + payload.length;
  const trailer = frame.sealer ? TRAILER_BYTES : 0;
  const raw = new Uint8Array(signedLength + trailer + CRC_BYTES);
  const view = new DataView(raw.buffer);
  view.setUint8(0, frame.version ?? PROTOCOL_VERSION);
  view.setUint8(1, MESSAGES[frame.message.type].code);
  view.setUint8(2, (frame.seq ?? 0) & 0xff);
  view.setUint8(3, (frame.ack ?? 0) & 0xff);
  view.setUint16(4, payload.length, true);
  raw.set(payload, HEADER_BYTES);
  if (frame.sealer) {
    const { counter, tag } = frame.sealer.seal(raw.subarray(0, signedLength));
    view.setUint32(signedLength, counter, true);
    raw.set(tag, signedLength + COUNTER_BYTES);
  }
  view.setUint32(signedLength + trailer, crc32(raw, 0, signedLength + trailer), true);
  const stuffed = cobsEncode(raw);
  const wire = new Uint8Array(stuffed.length + 1);
  wire.set(stuffed);
  return wire; // last byte is already 0x00, the delimiter
}

export type DecodeResult = { ok: true; frame: Frame } | { ok: false; error: FrameError };

/** Decodes one frame's bytes (COBS-encoded, delimiter removed). Never throws. */
export function decodeFrame(encoded: Uint8Array, acceptFrom?: 'gun' | 'station'): DecodeResult {
  const fail = (kind: FrameError['kind'], detail: string): DecodeResult => ({ ok: false, error: { kind, detail } });
  if (encoded.length > MAX_ENCODED_FRAME_BYTES) return fail('oversize', `${encoded.length} bytes`);
  const raw = cobsDecode(encoded);
  if (!raw) return fail('cobs', 'invalid byte stuffing');
  if (raw.length < HEADER_BYTES + CRC_BYTES) return fail('short', `${raw.length} bytes`);
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const length = view.getUint16(4, true);
  const signedLength = HEADER_BYTES + length;
  const trailer = raw.length - signedLength - CRC_BYTES;
  if (trailer !== 0 && trailer !== TRAILER_BYTES) return fail('length', `header says ${length}, frame carries ${raw.length - HEADER_BYTES - CRC_BYTES}`);
  const expected = view.getUint32(signedLength + trailer, true);
  if (crc32(raw, 0, signedLength + trailer) !== expected) return fail('crc', 'checksum mismatch');
  const version = view.getUint8(0);
  const code = view.getUint8(1);
  const name = messageNameForCode(code);
  if (!name) return fail('unknownType', `type 0x${code.toString(16).padStart(2, '0')}`);
  if (acceptFrom && MESSAGES[name].from !== acceptFrom) return fail('unknownType', `${name} is not sent by the ${acceptFrom}`);
  if (version !== PROTOCOL_VERSION && !VERSION_FROZEN.has(code)) return fail('version', `version ${version} frame (${name})`);
  const payload = decodePayload(name, raw.subarray(HEADER_BYTES, HEADER_BYTES + length));
  if (!payload.ok) return payload;
  const tag = trailer === 0 ? null : { counter: view.getUint32(signedLength, true), tag: raw.slice(signedLength + COUNTER_BYTES, signedLength + TRAILER_BYTES) };
  return { ok: true, frame: { version, seq: view.getUint8(2), ack: view.getUint8(3), message: payload.message, tag, signed: raw.subarray(0, signedLength) } };
}

export interface DecoderStats {
  framesOk: number;
  framesBad: number;
  bytesDiscarded: number;
  byKind: Partial<Record<FrameError['kind'], number>>;
}

/**
 * Streaming decoder: feed it bytes as they arrive, get whole frames and errors back. It buffers at
 * most one frame; an overlong run is discarded up to the next delimiter.
 */
export class FrameDecoder {
  readonly stats: DecoderStats = { framesOk: 0, framesBad: 0, bytesDiscarded: 0, byKind: {} };
  private buffer = new Uint8Array(MAX_ENCODED_FRAME_BYTES);
  private length = 0;
  private overflowing = false;

  constructor(private readonly acceptFrom?: 'gun' | 'station') {}

  push(chunk: Uint8Array): DecodeResult[] {
    const results: DecodeResult[] = [];
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (byte !== 0) {
        if (this.length < this.buffer.length) this.buffer[this.length++] = byte;
        else {
          this.overflowing = true;
          this.stats.bytesDiscarded++;
        }
        continue;
      }
      if (this.overflowing) {
        this.record({ ok: false, error: { kind: 'oversize', detail: 'frame longer than the maximum' } }, results);
        this.stats.bytesDiscarded += this.length;
      } else if (this.length > 0) {
        this.record(decodeFrame(this.buffer.subarray(0, this.length), this.acceptFrom), results);
      }
      // A lone delimiter (length 0) is idle fill: senders may prefix frames with 0x00 to flush line noise.
      this.length = 0;
      this.overflowing = false;
    }
    return results;
  }

  /** Drops a partial frame, as after the port was reopened. */
  reset(): void {
    this.length = 0;
    this.overflowing = false;
  }

  private record(result: DecodeResult, into: DecodeResult[]): void {
    if (result.ok) this.stats.framesOk++;
    else {
      this.stats.framesBad++;
      this.stats.byKind[result.error.kind] = (this.stats.byKind[result.error.kind] ?? 0) + 1;
      if (result.error.kind !== 'oversize') this.stats.bytesDiscarded += this.length;
    }
    into.push(result);
  }
}
