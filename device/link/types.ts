// What the link hands to the rest of the station, and what it needs from it. The core implements
// DoseSink and GunKeyStore; the link never knows about SQLite or settings files.
import type { DoseMode, DoseProfile, FaultName, GunLimits } from '../protocol/index.js';

export interface GunIdentity {
  model: string;
  serial: string;
  firmware: string;
  protocolVersion: number;
  /** Hex of the 8-byte schema hash. */
  schemaHash: string;
  limits: GunLimits;
  /** True when the gun is the built-in simulator (its model string says so); shown on every screen. */
  simulated: boolean;
}

export interface GunStatus {
  armed: boolean;
  /** The gun holds an authenticated session with this station. */
  authenticated: boolean;
  reservoirNl: number;
  batteryPct: number;
  needleSeated: boolean;
  faults: FaultName[];
  gunTimeMs: number;
  lastRecordId: number;
}

/** One delivered shot, as the gun recorded it, verified against its own CRC. */
export interface DoseRecord {
  gunSerial: string;
  recordId: number;
  commandedNl: number;
  deliveredNl: number;
  depthUm: number;
  entryPct: number;
  dwellPct: number;
  exitPct: number;
  mode: DoseMode;
  startedAtMs: number;
  endedAtMs: number;
  fault: FaultName | null;
  recordCrc: number;
  /** Station clock when the record arrived. */
  receivedAtMs: number;
}

/**
 * Where dose records go. `commit` must be durable (on disk, fsynced) when its promise resolves: the
 * link acknowledges records to the gun only after that, and the gun then forgets them. It must be
 * idempotent on (gunSerial, recordId): a replayed record is not counted twice.
 */
export interface DoseSink {
  /** Resolves with the records that were new (not already held), once all are durable. */
  commit(records: readonly DoseRecord[]): Promise<readonly DoseRecord[]>;
  /** Highest n such that every record id 1..n of this gun is held (0 when none). */
  highestContiguousRecordId(gunSerial: string): Promise<number>;
}

/** Link keys of paired guns, by serial number. */
export interface GunKeyStore {
  get(serial: string): Uint8Array | undefined;
  set(serial: string, key: Uint8Array): void;
}

export type LinkState =
  | 'stopped'
  | 'disconnected'
  | 'connecting'
  | 'handshaking'
  | 'awaiting-pairing'
  | 'authenticating'
  | 'syncing'
  | 'ready'
  | 'refused';

export type { DoseProfile };
