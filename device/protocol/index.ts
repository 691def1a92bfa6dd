// The gun protocol: pure encode/decode, no I/O. See PROTOCOL.md beside this file.
import { createHash } from 'node:crypto';
import { MESSAGES, type MessageName } from './schema.js';

export * from './auth.js';
export * from './cobs.js';
export * from './codec.js';
export * from './constants.js';
export * from './crc32.js';
export * from './dose.js';
export * from './errors.js';
export * from './frame.js';
export * from './schema.js';

/**
 * First 8 bytes of SHA-256 over the canonical message table. Two builds with the same protocol
 * version but a different table (a field added without a version bump) are caught at HELLO.
 */
export const SCHEMA_HASH: Uint8Array = (() => {
  const canonical = (Object.keys(MESSAGES) as MessageName[])
    .map((n) => `${n}:${MESSAGES[n].code}:${MESSAGES[n].fields.map(([f, t]) => `${f}/${t}`).join(',')}`)
    .join(';');
  return new Uint8Array(createHash('sha256').update(canonical).digest().subarray(0, 8));
})();
