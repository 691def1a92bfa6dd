// The schema hash in IDENTITY: the first 8 bytes of SHA-256 over the canonical message table and the
// fault, mode and NAK code tables. Two builds with the same protocol version but a different table (a
// field, a message, or a code added without a version bump) are caught at HELLO and refused.
import { sha256 } from '@noble/hashes/sha2.js';
import { DOSE_MODES, FAULT_CODES, NAK_CODES } from './constants.js';
import { utf8 } from './bytes.js';
import { isHandshake, MESSAGES, type MessageName } from './schema.js';

export interface SchemaTables {
  messages: typeof MESSAGES;
  faults: Readonly<Record<string, number>>;
  modes: Readonly<Record<string, number>>;
  naks: Readonly<Record<string, number>>;
}

export const SCHEMA_TABLES: SchemaTables = { messages: MESSAGES, faults: FAULT_CODES, modes: DOSE_MODES, naks: NAK_CODES };

const codeTable = (name: string, table: Readonly<Record<string, number>>) =>
  `${name}=${Object.entries(table)
    .sort(([, a], [, b]) => a - b)
    .map(([k, v]) => `${k}:${v}`)
    .join(',')}`;

export function schemaHash(t: SchemaTables): Uint8Array {
  const messages = (Object.keys(t.messages) as MessageName[])
    .map((n) => {
      const m = t.messages[n];
      return `${n}:${m.code}:${m.from}:${m.kind}:${isHandshake(n) ? 'h' : 't'}:${m.fields.map(([f, ty]) => `${f}/${ty}`).join(',')}`;
    })
    .join(';');
  const canonical = [messages, codeTable('faults', t.faults), codeTable('modes', t.modes), codeTable('naks', t.naks)].join('|');
  return sha256(utf8(canonical)).slice(0, 8);
}

export const SCHEMA_HASH: Uint8Array = schemaHash(SCHEMA_TABLES);
