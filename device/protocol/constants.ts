// Numbers both ends must agree on. Changing any of them is a protocol change (see PROTOCOL.md,
// "Versioning").

// 2: ARM carries the volume budget the gun enforces (budgetNl).
export const PROTOCOL_VERSION = 2;

/** Largest payload a frame may carry; anything longer is malformed, never buffered without bound. */
export const MAX_PAYLOAD_BYTES = 512;

export const TIMING = {
  /** The station sends HEARTBEAT, and the gun STATUS, this often. */
  heartbeatIntervalMs: 500,
  /** The gun disarms itself when no station frame arrived for this long. */
  gunDisarmAfterSilenceMs: 1000,
  /** The station declares the gun gone after this long without any valid frame (about three missed STATUS). */
  stationLinkDeadAfterMs: 1400,
  /** A request not answered within this is retransmitted with the same seq. */
  requestTimeoutMs: 250,
  /** Retransmissions before a request fails with a timeout. */
  requestRetries: 4,
  /** The gun re-sends a dose record not acknowledged within this. */
  recordResendAfterMs: 300,
} as const;

/** Delivery mode: how the dose is placed. */
export const DOSE_MODES = { papule: 1, nappage: 2, micropapule: 3, retrograde: 4 } as const;
export type DoseMode = keyof typeof DOSE_MODES;
export function doseModeName(code: number): DoseMode | undefined {
  return (Object.keys(DOSE_MODES) as DoseMode[]).find((m) => DOSE_MODES[m] === code);
}

/**
 * Faults a gun reports, from infusion-pump alarm vocabularies. The code is also the bit index + 1 in
 * STATUS.faultFlags (code 1 is bit 0).
 */
export const FAULT_CODES = {
  reservoirEmpty: 1,
  reservoirLow: 2,
  occlusion: 3,
  driveBlocked: 4,
  needleNotSeated: 5,
  airInLine: 6,
  lowBattery: 7,
  tamper: 8,
  calibrationInvalid: 9,
} as const;
export type FaultName = keyof typeof FAULT_CODES;

export function faultName(code: number): FaultName | undefined {
  return (Object.keys(FAULT_CODES) as FaultName[]).find((f) => FAULT_CODES[f] === code);
}

export function faultFlagsToNames(flags: number): FaultName[] {
  return (Object.keys(FAULT_CODES) as FaultName[]).filter((f) => (flags >> (FAULT_CODES[f] - 1)) & 1);
}

export function faultNamesToFlags(names: Iterable<FaultName>): number {
  let flags = 0;
  for (const n of names) flags |= 1 << (FAULT_CODES[n] - 1);
  return flags;
}

/** Faults that stop the gun firing; the others are warnings. */
export const BLOCKING_FAULTS: ReadonlySet<FaultName> = new Set<FaultName>([
  'reservoirEmpty',
  'occlusion',
  'driveBlocked',
  'needleNotSeated',
  'airInLine',
  'tamper',
  'calibrationInvalid',
]);

/** Why the gun refused a request. */
export const NAK_CODES = {
  malformed: 1,
  unsupportedVersion: 2,
  notPaired: 3,
  notAuthenticated: 4,
  authFailed: 5,
  outOfLimits: 6,
  busy: 7,
  cannotArm: 8,
  pairingCodeWrong: 9,
  noPairingInProgress: 10,
} as const;
export type NakName = keyof typeof NAK_CODES;

export function nakName(code: number): NakName | undefined {
  return (Object.keys(NAK_CODES) as NakName[]).find((n) => NAK_CODES[n] === code);
}
