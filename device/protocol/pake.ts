// Pairing by CPace over ristretto255 (after draft-irtf-cfrg-cpace, "CPaceRistretto255" with SHA-512),
// so that the 6-digit code the gun shows never reaches the line in any form an eavesdropper can test
// offline. Each side turns the code, the channel (the gun's serial) and the session id (both nonces)
// into a generator G of the group, sends y*G for a fresh secret scalar y, and computes the shared
// point y_own * Y_peer. Without one of the scalars nobody can compute that point, so a recorded
// pairing lets no one try codes offline: each guess needs a live run against the gun or the station,
// and the gun ends the pairing at the first wrong confirmation (one guess per displayed code).
//
// The group arithmetic, the element derivation (RFC 9496 §4.3.4) and SHA-512 come from @noble/curves
// and @noble/hashes (audited, no dependencies beyond each other); this file only composes them.
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { concatBytes, utf8 } from './bytes.js';

type Point = InstanceType<typeof ristretto255.Point>;

const DSI = utf8('CPaceRistretto255');
const DSI_ISK = utf8('CPaceRistretto255_ISK');
/** SHA-512's input block size: the draft pads the code so it fills the first block on its own. */
const S_IN_BYTES = 128;
const ORDER = ristretto255.Point.Fn.ORDER;

/** LEB128 length prefix, as the draft's prepend_len. */
function prependLen(data: Uint8Array): Uint8Array {
  const len: number[] = [];
  let n = data.length;
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n > 0) b |= 0x80;
    len.push(b);
  } while (n > 0);
  return concatBytes(Uint8Array.from(len), data);
}

const lvCat = (...parts: Uint8Array[]) => concatBytes(...parts.map(prependLen));

/** What both sides bind the pairing to besides the code: the gun's serial and the two nonces. */
export interface PairingContext {
  serial: string;
  stationNonce: Uint8Array;
  gunNonce: Uint8Array;
}

function sessionId(ctx: PairingContext): Uint8Array {
  return concatBytes(ctx.stationNonce, ctx.gunNonce);
}

function channelId(ctx: PairingContext): Uint8Array {
  return utf8(`meso-gun-link/${ctx.serial}`);
}

/** calculate_generator: the code, channel and session id hashed onto the group. */
export function pairingGenerator(code: string, ctx: PairingContext): Point {
  const prs = utf8(code);
  const zpad = new Uint8Array(Math.max(0, S_IN_BYTES - 1 - prependLen(prs).length - prependLen(DSI).length));
  const genStr = lvCat(DSI, prs, zpad, channelId(ctx), sessionId(ctx));
  return ristretto255_hasher.deriveToCurve!(sha512(genStr));
}

/** A fresh secret scalar in [1, order). */
function sampleScalar(): bigint {
  let y = 0n;
  while (y === 0n) {
    const wide = randomBytes(64);
    let n = 0n;
    for (let i = wide.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(wide[i]!);
    y = n % ORDER;
  }
  return y;
}

/** One side's half of a pairing: keep `secret`, send `share` (32 bytes). */
export interface PairingShare {
  secret: bigint;
  share: Uint8Array;
}

export function pairingShare(code: string, ctx: PairingContext): PairingShare {
  const secret = sampleScalar();
  return { secret, share: pairingGenerator(code, ctx).multiply(secret).toBytes() };
}

/** The keys a completed pairing yields; the confirmations prove both sides hold the same ones. */
export interface PairingKeys {
  /** The long-term link key both sides store (32 bytes). */
  linkKey: Uint8Array;
  stationConfirm: Uint8Array;
  gunConfirm: Uint8Array;
}

/**
 * The shared secret from one's own scalar and the peer's share, then the intermediate session key
 * (ISK, as in the draft, with the gun as initiator) and from it the link key and both confirmations.
 * Null when the peer's share is not a valid group element or yields the identity (abort, as the
 * draft requires): nothing is derived from a malformed share.
 */
export function pairingKeys(own: PairingShare, peerShare: Uint8Array, ctx: PairingContext, role: 'station' | 'gun'): PairingKeys | null {
  let peer: Point;
  try {
    peer = ristretto255.Point.fromBytes(peerShare);
  } catch {
    return null;
  }
  const k = peer.multiply(own.secret);
  if (k.is0()) return null;
  const gunShare = role === 'gun' ? own.share : peerShare;
  const stationShare = role === 'station' ? own.share : peerShare;
  return keysFromSharedSecret(k.toBytes(), gunShare, stationShare, ctx);
}

/**
 * ISK from the shared point's encoding and both shares, then the link key and the confirmations.
 * Exported so a test can play the offline attacker, who has the shares but no scalar.
 */
export function keysFromSharedSecret(k: Uint8Array, gunShare: Uint8Array, stationShare: Uint8Array, ctx: PairingContext): PairingKeys {
  const sid = sessionId(ctx);
  const transcript = concatBytes(lvCat(gunShare, utf8(ctx.serial)), lvCat(stationShare, new Uint8Array(0)));
  const isk = sha512(concatBytes(lvCat(DSI_ISK, sid, k), transcript));
  const okm = hkdf(sha256, isk, sid, utf8('meso-link v3 pairing'), 96);
  const confirmStationKey = okm.slice(0, 32);
  const confirmGunKey = okm.slice(32, 64);
  return {
    linkKey: okm.slice(64, 96),
    stationConfirm: hmac(sha256, confirmStationKey, concatBytes(utf8('station'), transcript)),
    gunConfirm: hmac(sha256, confirmGunKey, concatBytes(utf8('gun'), transcript)),
  };
}
