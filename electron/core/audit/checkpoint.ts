// The audit checkpoint: the last head this station saw (row count, last hash, head MAC, time), kept
// in the key store, outside the database. A database rolled back to an older copy has a valid chain
// and a valid keyed head, only an older one: the checkpoint is what is newer. It is also written into
// every export manifest, so an export proves which state of the trail it was made from.
// The checkpoint never moves backwards, nor onto another history: a rolled-back or replaced database
// keeps failing verify() until someone accepts it explicitly (startup/openStationData.ts).
import type { KeyStore } from '../keys/keyStore.js';

export interface AuditCheckpoint {
  rows: number;
  lastHash: string;
  headMac: string;
  /** ISO time the checkpoint was taken. */
  at: string;
  /** HMAC under the audit key (keyed.ts checkpointMac). */
  mac: string;
}

export interface CheckpointStore {
  /** Where it is kept, for messages. */
  readonly label: string;
  read(): AuditCheckpoint | undefined;
  write(c: AuditCheckpoint): void;
}

function isCheckpoint(v: unknown): v is AuditCheckpoint {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return Number.isSafeInteger(c.rows) && (c.rows as number) >= 0 && ['lastHash', 'headMac', 'at', 'mac'].every((k) => typeof c[k] === 'string');
}

/** The checkpoint as the key store's 'audit-checkpoint' entry (JSON). */
export function keyStoreCheckpoints(keys: KeyStore): CheckpointStore {
  return {
    label: keys.label,
    read() {
      const bytes = keys.get('audit-checkpoint');
      if (!bytes) return undefined;
      let parsed: unknown;
      try {
        parsed = JSON.parse(bytes.toString('utf8'));
      } catch {
        parsed = undefined;
      }
      // A damaged checkpoint is reported by verify() as one that does not match (mac ''), never ignored.
      return isCheckpoint(parsed) ? parsed : { rows: 0, lastHash: '', headMac: '', at: '', mac: '' };
    },
    write(c) {
      keys.put('audit-checkpoint', Buffer.from(JSON.stringify(c)));
    },
  };
}

export function memoryCheckpoints(): CheckpointStore & { value: AuditCheckpoint | undefined } {
  return {
    label: 'memory',
    value: undefined,
    read() {
      return this.value ? { ...this.value } : undefined;
    },
    write(c) {
      this.value = { ...c };
    },
  };
}
