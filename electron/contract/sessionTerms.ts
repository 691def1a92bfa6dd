// The words of a clinical session shared by the contract's inputs, its views and the core: the scalp
// zones, the phases, the status vocabulary, the dose modes and fault names, the volume ceilings and
// the thermotherapy checklist. Plain data: the renderer, the preload and the core load it alike.

/** Default scalp map (domain.md). Every dose belongs to exactly one of these; "other" is not a zone. */
export const ZONES = ['frontal', 'mid_scalp', 'vertex', 'temporal_left', 'temporal_right', 'parietal_left', 'parietal_right', 'occipital'] as const;
export type Zone = (typeof ZONES)[number];

export const PHASES = ['intake', 'thermotherapy', 'preparation', 'mesotherapy', 'closing', 'review', 'signed', 'aborted'] as const;
export type Phase = (typeof PHASES)[number];

// A clinical session's status (in_progress | signed | aborted) is the one vocabulary of the database
// (migration 311), the filter, sessions.list and the exports; it is defined once, with the filter.
export { SESSION_STATUSES, type SessionStatus } from './sessionFilter.js';

export const DOSE_MODE_NAMES = ['papule', 'nappage', 'micropapule', 'retrograde'] as const;
export type DoseModeName = (typeof DOSE_MODE_NAMES)[number];

/**
 * The faults a gun reports (device/protocol's FAULT_CODES, mirrored here so the renderer needs
 * nothing from device/; electron/core/gun/gunService.ts checks at compile time that both agree).
 */
export const FAULT_NAMES = ['reservoirEmpty', 'reservoirLow', 'occlusion', 'driveBlocked', 'needleNotSeated', 'airInLine', 'lowBattery', 'tamper', 'calibrationInvalid'] as const;
export type FaultName = (typeof FAULT_NAMES)[number];
/** A code the station does not know, as stored and shown: the record is kept, never dropped. */
export type UnknownCode = `unknown (code ${number})`;
/** A fault as a gun reported it: a known name, or "unknown (code N)". */
export type ReportedFault = FaultName | UnknownCode;
/** A mode as a gun recorded it: a known name, or "unknown (code N)". */
export type RecordedMode = DoseModeName | UnknownCode;

/** 200 µL: the gun's absolute per-shot ceiling (domain.md); anything above is a typing error. */
export const MAX_DOSE_NL = 200_000;
/** A session is at most one syringe (10 mL); a zone target above that is a typing error. */
export const MAX_VOLUME_NL = 10_000_000;

export const THERMO_STAGES = ['steam', 'massage'] as const;
export type ThermoStageName = (typeof THERMO_STAGES)[number];

/**
 * Each thermotherapy stage's checklist, as codes (the renderer words them). Every item must be
 * ticked, and each tick is recorded with its time, before the stage can complete.
 */
export const THERMO_CHECKLIST = {
  steam: ['cape-on', 'steamer-ready', 'patient-comfortable'],
  massage: ['all-zones', 'no-pain', 'scalp-ready'],
} as const satisfies Record<ThermoStageName, readonly string[]>;
export type ChecklistItem = (typeof THERMO_CHECKLIST)[ThermoStageName][number];
