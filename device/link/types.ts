// What the link hands to the rest of the station, and what it needs from it. The core implements
// DoseSink and GunKeyStore; the link never knows about SQLite or settings files.
import type { DoseProfile, GunLimits, RecordedMode, ReportedFault } from '../protocol/index.js';

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
  /** Active faults; a flag this build does not know is "unknown (code N)". */
  faults: ReportedFault[];
  gunTimeMs: number;
  lastRecordId: number;
}

/** One delivered shot, as the gun recorded it, with its provenance (the gun's MAC). */
export interface DoseRecord {
  gunSerial: string;
  recordId: number;
  commandedNl: number;
  deliveredNl: number;
  depthUm: number;
  entryPct: number;
  dwellPct: number;
  exitPct: number;
  /** A known mode, or "unknown (code N)": stored as the gun sent it, never dropped. */
  mode: RecordedMode;
  startedAtMs: number;
  endedAtMs: number;
  fault: ReportedFault | null;
  /** CRC-32 of the fields: the stored row's own check against storage damage (not security). */
  recordCrc: number;
  /** The gun's MAC over the fields (PROTOCOL.md, "Dose records"), kept so it can be re-verified. */
  recordMac: Uint8Array;
  /** Fingerprint of the link key the MAC was checked against on arrival. */
  keyId: string;
  /** The MAC verified under that key on arrival. */
  authenticated: boolean;
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

/**
 * Link keys of paired guns, by serial number: the 32-byte long-term key a CPace pairing produced. The
 * station keeps them in its key store, never beside the records.
 */
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

export type { DoseProfile, RecordedMode, ReportedFault };
