// Authenticated frames. After authentication every frame but the handshake carries a trailer:
//   counter u32 | tag 16 bytes,   tag = HMAC-SHA256(direction key, counter | header | payload)[0..16]
// The counter is per direction and per connection (the keys are fresh for every connection, so it
// starts at 1 each time). The receiver keeps a 64-frame sliding window (as IPsec and DTLS do): a frame
// is accepted once, in any order within the window; a repeat is 'replayed', an older one
// 'outOfWindow'. A retransmission is the same bytes, so the same counter: it too is accepted once.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { sameBytes } from './bytes.js';

export const COUNTER_BYTES = 4;
export const TAG_BYTES = 16;
export const TRAILER_BYTES = COUNTER_BYTES + TAG_BYTES;
/** How far behind the highest counter seen a frame may still arrive (reordering on the line). */
export const REPLAY_WINDOW = 64;
const MAX_COUNTER = 0xffff_ffff;

export interface FrameTag {
  counter: number;
  tag: Uint8Array;
}

/** Why an authenticated connection refused a frame. */
export type AuthRejection =
  | 'untagged' // no trailer where one is due
  | 'badTag' // a trailer whose tag does not verify: forged, modified, or another key
  | 'replayed' // a valid tag on a counter already accepted
  | 'outOfWindow'; // a valid tag on a counter too far behind to tell whether it was accepted

/** Tags one direction's frames. One instance per connection and direction. */
export class FrameSealer {
  private readonly mac: ReturnType<typeof hmac.create>;
  private counter = 0;

  constructor(key: Uint8Array) {
    this.mac = hmac.create(sha256, key);
  }

  /** Tags `signed` (header and payload) with the next counter. */
  seal(signed: Uint8Array): FrameTag {
    // Counters never wrap: a connection that used 2^32 - 1 of them (about 99 days at 500 frames/s)
    // must reconnect (new keys) rather than reuse one.
    if (this.counter >= MAX_COUNTER) throw new RangeError('frame counter exhausted: reconnect for fresh session keys');
    const counter = ++this.counter;
    return { counter, tag: computeTag(this.mac, counter, signed) };
  }
}

/** Reused for every tag: the counter's four bytes, little-endian (no allocation per frame). */
const counterBytes = new Uint8Array(COUNTER_BYTES);
const counterView = new DataView(counterBytes.buffer);

function computeTag(mac: ReturnType<typeof hmac.create>, counter: number, signed: Uint8Array): Uint8Array {
  const h = mac.clone();
  counterView.setUint32(0, counter, true);
  h.update(counterBytes);
  h.update(signed);
  return h.digest().subarray(0, TAG_BYTES);
}

/** Checks the other direction's tags and keeps the replay window. */
export class FrameOpener {
  private readonly mac: ReturnType<typeof hmac.create>;
  private highest = 0;
  /** Bit i set: counter `highest - i` was accepted. */
  private seen = 0n;

  constructor(key: Uint8Array) {
    this.mac = hmac.create(sha256, key);
  }

  /** 'ok' marks the counter as used; nothing else changes the window. */
  open(t: FrameTag, signed: Uint8Array): 'ok' | Exclude<AuthRejection, 'untagged'> {
    if (t.counter === 0 || !sameBytes(computeTag(this.mac, t.counter, signed), t.tag)) return 'badTag';
    if (t.counter > this.highest) {
      const shift = t.counter - this.highest;
      this.seen = shift >= REPLAY_WINDOW ? 1n : ((this.seen << BigInt(shift)) | 1n) & ((1n << BigInt(REPLAY_WINDOW)) - 1n);
      this.highest = t.counter;
      return 'ok';
    }
    const behind = this.highest - t.counter;
    if (behind >= REPLAY_WINDOW) return 'outOfWindow';
    const bit = 1n << BigInt(behind);
    if (this.seen & bit) return 'replayed';
    this.seen |= bit;
    return 'ok';
  }
}

/** Counts refused frames and tells when failures come in a burst (see TIMING.authFailureBurst). */
export class AuthFailureBurst {
  private readonly times: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Notes one failed authentication; true when `limit` fell within `windowMs`. */
  note(): boolean {
    const t = this.now();
    this.times.push(t);
    while (this.times.length > 0 && t - this.times[0]! > this.windowMs) this.times.shift();
    if (this.times.length < this.limit) return false;
    this.times.length = 0;
    return true;
  }

  reset(): void {
    this.times.length = 0;
  }
}
