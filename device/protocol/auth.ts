// Keys after pairing. Pairing (pake.ts) leaves both sides holding one long-term link key per gun.
// Everything else is derived from it with HKDF-SHA256 and HMAC-SHA256 (@noble/hashes):
//   - authentication at every connect: a mutual challenge-response over both nonces and the serial;
//   - the session: one frame-tag key per direction, fresh for every connection (salted by both nonces);
//   - the record key: stable for as long as the pairing lasts, so that a dose record the ledger keeps
//     can be re-verified at any later time with the link key alone;
//   - the key id: a short public fingerprint of the link key, stored with each record, so a verify
//     can tell "this record's MAC is wrong" from "the gun was paired again since".
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { bytesToHex, concatBytes, sameBytes, utf8 } from './bytes.js';

export const LINK_KEY_BYTES = 32;

export function newNonce(): Uint8Array {
  return randomBytes(16);
}

/** A uniformly random 6-digit code (rejection sampling: no bias towards low codes). */
export function newPairingCode(): string {
  for (;;) {
    const b = randomBytes(4);
    const n = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    if (n < 4_294_000_000) return (n % 1_000_000).toString().padStart(6, '0');
  }
}

export function isPairingCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

const mac = (key: Uint8Array, ...parts: Uint8Array[]) => hmac(sha256, key, concatBytes(...parts));

/** Challenge-response at every connect; both proofs cover both nonces and the gun's serial. */
export const authProofs = {
  gun: (linkKey: Uint8Array, serial: string, stationNonce: Uint8Array, gunNonce: Uint8Array) =>
    mac(linkKey, utf8('meso-link v3 auth gun'), stationNonce, gunNonce, utf8(serial)),
  station: (linkKey: Uint8Array, serial: string, stationNonce: Uint8Array, gunNonce: Uint8Array) =>
    mac(linkKey, utf8('meso-link v3 auth station'), gunNonce, stationNonce, utf8(serial)),
};

export function sameProof(a: Uint8Array, b: Uint8Array): boolean {
  return sameBytes(a, b);
}

/** One frame-tag key per direction for one authenticated connection. */
export interface SessionKeys {
  stationToGun: Uint8Array;
  gunToStation: Uint8Array;
}

export function sessionKeys(linkKey: Uint8Array, serial: string, stationNonce: Uint8Array, gunNonce: Uint8Array): SessionKeys {
  const okm = hkdf(sha256, linkKey, concatBytes(stationNonce, gunNonce), utf8(`meso-link v3 session/${serial}`), 64);
  return { stationToGun: okm.slice(0, 32), gunToStation: okm.slice(32, 64) };
}

/** The key a gun MACs its dose records with: from the link key, the same on every connection. */
export function recordKey(linkKey: Uint8Array, serial: string): Uint8Array {
  return hkdf(sha256, linkKey, undefined, utf8(`meso-link v3 record/${serial}`), 32);
}

/** A public fingerprint of a link key (16 hex digits); reveals nothing usable about the key. */
export function linkKeyId(linkKey: Uint8Array): string {
  return bytesToHex(hkdf(sha256, linkKey, undefined, utf8('meso-link v3 key id'), 8));
}
