// Payload encode/decode driven by the message table. Decoding never throws: it returns a FrameError.
import { MESSAGES, MAX_STRING_BYTES, type FieldSpec, type Message, type MessageName } from './schema.js';
import type { FrameError } from './errors.js';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

const FIXED_SIZE: Record<string, number> = { u8: 1, bool: 1, u16: 2, u32: 4, u64: 8, bytes8: 8, bytes16: 16, bytes32: 32 };

function fieldsOf(name: MessageName): readonly FieldSpec[] {
  return MESSAGES[name].fields;
}

/** Encodes a message's payload. Throws RangeError on a value that does not fit its field: a programming error. */
export function encodePayload(message: Message): Uint8Array {
  const fields = fieldsOf(message.type);
  const values = message as unknown as Record<string, unknown>;
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const [name, type] of fields) {
    const value = values[name];
    let part: Uint8Array;
    if (type === 'str') {
      const bytes = utf8Encoder.encode(String(value ?? ''));
      if (bytes.length > MAX_STRING_BYTES) throw new RangeError(`${message.type}.${name}: string longer than ${MAX_STRING_BYTES} bytes`);
      part = new Uint8Array(1 + bytes.length);
      part[0] = bytes.length;
      part.set(bytes, 1);
    } else if (type === 'bytes8' || type === 'bytes16' || type === 'bytes32') {
      const n = FIXED_SIZE[type]!;
      if (!(value instanceof Uint8Array) || value.length !== n) throw new RangeError(`${message.type}.${name}: expected ${n} bytes`);
      part = value;
    } else {
      const n = FIXED_SIZE[type]!;
      part = new Uint8Array(n);
      const view = new DataView(part.buffer);
      const num = type === 'bool' ? (value ? 1 : 0) : Number(value);
      const max = type === 'u64' ? Number.MAX_SAFE_INTEGER : 2 ** (8 * n) - 1;
      if (!Number.isInteger(num) || num < 0 || num > max) throw new RangeError(`${message.type}.${name}: ${String(value)} does not fit ${type}`);
      if (n === 1) view.setUint8(0, num);
      else if (n === 2) view.setUint16(0, num, true);
      else if (n === 4) view.setUint32(0, num, true);
      else view.setBigUint64(0, BigInt(num), true);
    }
    parts.push(part);
    size += part.length;
  }
  const out = new Uint8Array(size);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export type PayloadResult = { ok: true; message: Message } | { ok: false; error: FrameError };

export function decodePayload(name: MessageName, payload: Uint8Array): PayloadResult {
  const fields = fieldsOf(name);
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const out: Record<string, unknown> = { type: name };
  let i = 0;
  const fail = (detail: string): PayloadResult => ({ ok: false, error: { kind: 'payload', detail: `${name}: ${detail}` } });
  for (const [field, type] of fields) {
    if (type === 'str') {
      if (i >= payload.length) return fail(`${field} missing`);
      const len = payload[i]!;
      if (len > MAX_STRING_BYTES) return fail(`${field} longer than ${MAX_STRING_BYTES} bytes`);
      if (i + 1 + len > payload.length) return fail(`${field} runs past the payload`);
      try {
        out[field] = utf8Decoder.decode(payload.subarray(i + 1, i + 1 + len));
      } catch {
        return fail(`${field} is not valid UTF-8`);
      }
      i += 1 + len;
      continue;
    }
    const n = FIXED_SIZE[type]!;
    if (i + n > payload.length) return fail(`${field} runs past the payload`);
    switch (type) {
      case 'u8':
        out[field] = view.getUint8(i);
        break;
      case 'bool': {
        const b = view.getUint8(i);
        if (b > 1) return fail(`${field} is not a boolean (${b})`);
        out[field] = b === 1;
        break;
      }
      case 'u16':
        out[field] = view.getUint16(i, true);
        break;
      case 'u32':
        out[field] = view.getUint32(i, true);
        break;
      case 'u64': {
        const big = view.getBigUint64(i, true);
        if (big > BigInt(Number.MAX_SAFE_INTEGER)) return fail(`${field} exceeds the safe integer range`);
        out[field] = Number(big);
        break;
      }
      default:
        out[field] = payload.slice(i, i + n);
    }
    i += n;
  }
  if (i !== payload.length) return fail(`${payload.length - i} trailing bytes`);
  return { ok: true, message: out as unknown as Message };
}
