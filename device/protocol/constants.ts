// Numbers both ends must agree on. Changing any of them is a protocol change (see PROTOCOL.md,
// "Versioning").

// 2: ARM carries the volume budget the gun enforces (budgetNl).
// 3: pairing by CPace, every frame after authentication tagged, dose records MAC'd by the gun, and
//    the schema hash covering the fault, mode and NAK code tables (PROTOCOL.md, "Security").
export const PROTOCOL_VERSION = 3;

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
  /**
   * A burst of frames failing authentication (bad tag, or untagged where a tag is due) drops the
   * session: this many within `authFailureWindowMs`. The gun disarms as on heartbeat loss.
   */
  authFailureBurst: 5,
  authFailureWindowMs: 1000,
} as const;

/**
 * A code the station does not know, as it is stored and shown: "unknown (code 12)". A record carrying
 * one is stored and acknowledged, never dropped (PROTOCOL.md, "Codes").
 */
export type UnknownCode = `unknown (code ${number})`;

export function unknownCode(code: number): UnknownCode {
  return `unknown (code ${code})`;
}

/** The number inside an UnknownCode, or undefined when `text` is not one. */
export function unknownCodeNumber(text: string): number | undefined {
  const m = /^unknown \(code (\d{1,10})\)$/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Delivery mode: how the dose is placed. */
export const DOSE_MODES = { papule: 1, nappage: 2, micropapule: 3, retrograde: 4 } as const;
export type DoseMode = keyof typeof DOSE_MODES;
export function doseModeName(code: number): DoseMode | undefined {
  return (Object.keys(DOSE_MODES) as DoseMode[]).find((m) => DOSE_MODES[m] === code);
}
/** A mode as recorded: a known name, or "unknown (code N)". */
export type RecordedMode = DoseMode | UnknownCode;
export function recordedMode(code: number): RecordedMode {
  return doseModeName(code) ?? unknownCode(code);
}
/** The wire code of a recorded mode (for re-verifying a stored record's MAC); undefined if unreadable. */
export function recordedModeCode(mode: string): number | undefined {
  return (DOSE_MODES as Record<string, number>)[mode] ?? unknownCodeNumber(mode);
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

/** Every fault name, in code order: the typed union the contract mirrors. */
export const FAULT_NAMES = Object.keys(FAULT_CODES) as FaultName[];

/** A fault as reported or recorded: a known name, or "unknown (code N)" for a code this build lacks. */
export type ReportedFault = FaultName | UnknownCode;
export function reportedFault(code: number): ReportedFault {
  return faultName(code) ?? unknownCode(code);
}
/** The wire code of a reported fault; undefined if unreadable. */
export function reportedFaultCode(fault: string): number | undefined {
  return (FAULT_CODES as Record<string, number>)[fault] ?? unknownCodeNumber(fault);
}

/** Active faults from STATUS.faultFlags; a set bit with no known fault is reported as unknown. */
export function faultFlagsToNames(flags: number): ReportedFault[] {
  const out: ReportedFault[] = [];
  for (let bit = 0; bit < 16; bit++) if ((flags >> bit) & 1) out.push(reportedFault(bit + 1));
  return out;
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

/**
 * Faults the station treats as stopping the gun. An unknown fault counts as blocking: the station
 * cannot tell, and the safe reading of a fault it does not know is that the gun should not fire.
 */
export function isBlockingFault(fault: ReportedFault): boolean {
  return unknownCodeNumber(fault) !== undefined || BLOCKING_FAULTS.has(fault as FaultName);
}

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
