// Stable, non-reversible patient codes for pseudonymised exports: HMAC-SHA256 of the patient id under
// a per-station secret (made by migration 400, kept in the key store: keys/stationSecrets.ts). The same patient gets the same code in every export of this
// station, so pseudonymised exports can be joined with each other; without the secret, a code cannot
// be turned back into an id (ids are small integers, so a plain hash could be reversed by trying them
// all - the secret is what prevents that).
import { createHmac } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 base32 characters = 60 bits: no collision among any realistic number of patients. */
export function patientCode(secret: Uint8Array, patientId: number): string {
  const mac = createHmac('sha256', secret).update(`patient:${patientId}`).digest();
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const byte of mac) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 12) {
      bits -= 5;
      out += ALPHABET[(acc >> bits) & 31];
    }
    acc &= (1 << bits) - 1;
    if (out.length === 12) break;
  }
  return `P-${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}`;
}

export const PATIENT_CODE_PATTERN = /^P-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
