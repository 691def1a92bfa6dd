// GunLink's options, timings, events and statistics: what a caller configures and observes.
import { TIMING, type AuthStats, type DecoderStats } from '../protocol/index.js';
import type { PortLister, UsbId } from './discovery.js';
import type { DoseIntakeStats } from './doseIntake.js';
import type { LinkError } from './errors.js';
import type { PortFactory } from './port.js';
import type { WriteCounters } from './portWriter.js';
import type { DoseRecord, DoseSink, GunIdentity, GunKeyStore, GunStatus, LinkState, ReportedFault } from './types.js';

export interface GunLinkTiming {
  requestTimeoutMs: number;
  requestRetries: number;
  heartbeatIntervalMs: number;
  linkDeadAfterMs: number;
  /** A write not completed in this time counts as an unplug (serialport may never call back). */
  writeTimeoutMs: number;
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** Ready anyway this long after SYNC_STARTED if SYNC_DONE was lost (records keep flowing when ready). */
  syncDoneTimeoutMs: number;
  /**
   * The gun says it has records we do not hold, yet none has arrived for this long: ask it to
   * replay (SYNC_FROM). Catches a gun that rebooted behind a port that stayed open, which only
   * replays after a SYNC_FROM. Doubles while it does not help.
   */
  recordStallMs: number;
  /** Extra time to gather dose records into one commit; 0 = those read in the same I/O turn. */
  batchWindowMs: number;
}

export const DEFAULT_LINK_TIMING: GunLinkTiming = {
  requestTimeoutMs: TIMING.requestTimeoutMs,
  requestRetries: TIMING.requestRetries,
  heartbeatIntervalMs: TIMING.heartbeatIntervalMs,
  linkDeadAfterMs: TIMING.stationLinkDeadAfterMs,
  writeTimeoutMs: 1000,
  reconnectMinMs: 200,
  reconnectMaxMs: 5000,
  syncDoneTimeoutMs: 2000,
  recordStallMs: 1500,
  batchWindowMs: 0,
};

export interface GunLinkOptions {
  /** An explicit port path (a socat pty is never listed by discovery). */
  path?: string;
  /** Discovery by USB id when no path is given; re-run on every reconnect. */
  discovery?: { ids: readonly UsbId[]; serialNumber?: string; list?: PortLister };
  keyStore: GunKeyStore;
  sink: DoseSink;
  stationName: string;
  timing?: Partial<GunLinkTiming>;
  /** For unit tests: an in-process fake port. */
  portFactory?: PortFactory;
  /**
   * Check profiles against the gun's limits before sending (default true). Only tests that exercise
   * the gun's own limit check turn it off.
   */
  precheckProfiles?: boolean;
}

export interface GunLinkEvents {
  state: (state: LinkState) => void;
  /** A compatible gun answered HELLO (it may still need pairing). */
  connected: (identity: GunIdentity) => void;
  disconnected: (info: { reason: string }) => void;
  /** The port could not be opened or found; the link keeps retrying with backoff. */
  'connect-failed': (info: { error: LinkError }) => void;
  /** The gun cannot be used (version, schema, wrong key); it is never armed. */
  refused: (info: { error: LinkError; identity: GunIdentity | null }) => void;
  /** An authenticated STATUS. */
  status: (status: GunStatus) => void;
  dose: (record: DoseRecord) => void;
  fault: (info: { fault: ReportedFault; active: boolean; detail: string }) => void;
  /** The sink failed; nothing was acknowledged, the gun re-sends and the link retries. */
  'commit-failed': (info: { error: Error }) => void;
}

export interface LinkStats extends DoseIntakeStats, WriteCounters {
  decoder: DecoderStats;
  /** Frames the authenticated connections took or refused, by reason and by message type. */
  auth: AuthStats;
  /** Tagged frames that arrived with no session to check them: dropped. */
  taggedWithoutSession: number;
  retransmits: number;
  requestTimeouts: number;
  connects: number;
  reconnects: number;
  disconnects: number;
  /** Records that arrived before the connection was authenticated: ignored, the gun re-sends. */
  recordsBeforeAuth: number;
  /** Record-id gaps given up on: a replay did not fill them, so the gun no longer holds those ids. */
  gapsSkipped: number;
}
