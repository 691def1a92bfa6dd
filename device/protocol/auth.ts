// Pairing and authentication. Pairing proves physical presence: the gun shows a 6-digit code that
// only someone in the room can read, and both sides derive a 256-bit link key from it and two fresh
// nonces. Every later connect is a mutual challenge-response with that key, so a gun swapped for
// another (or a station impersonated) is caught before anything is armed.
//
// Known limit, as in Bluetooth legacy pairing: someone recording the pairing exchange could try the
// 10^6 codes offline. Pairing is rare and done in the treatment room; re-pairing replaces the key.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

const utf8 = new TextEncoder();

function hmac(key: Uint8Array, ...parts: (Uint8Array | string)[]): Uint8Array {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(typeof p === 'string' ? utf8.encode(p) : p);
  return new Uint8Array(h.digest());
}

export function newNonce(): Uint8Array {
  return new Uint8Array(randomBytes(16));
}

export function newPairingCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

export function isPairingCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

export function deriveLinkKey(code: string, serial: string, stationNonce: Uint8Array, gunNonce: Uint8Array): Uint8Array {
  return hmac(utf8.encode(code), 'meso-pair-v1', serial, stationNonce, gunNonce);
}

export const proofs = {
  pairStation: (key: Uint8Array, gunNonce: Uint8Array) => hmac(key, 'pair-station', gunNonce),
  pairGun: (key: Uint8Array, stationNonce: Uint8Array) => hmac(key, 'pair-gun', stationNonce),
  authGun: (key: Uint8Array, stationNonce: Uint8Array, gunNonce: Uint8Array) => hmac(key, 'auth-gun', stationNonce, gunNonce),
  authStation: (key: Uint8Array, stationNonce: Uint8Array, gunNonce: Uint8Array) => hmac(key, 'auth-station', gunNonce, stationNonce),
};

export function sameProof(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
