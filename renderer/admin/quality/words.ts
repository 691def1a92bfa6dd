// The words for the quality review's codes: item kinds, dispositions, metrics and breakdowns. The
// sentences for reasons (what happened, refusals) live in renderer/reasons.ts with the others.
import type { QualityDimension, QualityMetric } from '../../../electron/contract/quality.js';
import type { ReviewDisposition, ReviewItemKind } from '../../../electron/contract/review.js';

export const KIND_WORDS: Record<ReviewItemKind, string> = {
  near_miss: 'Near miss',
  hard_stop: 'Hard stop',
  thermo_skipped: 'Thermotherapy skipped',
  thermo_shortened: 'Thermotherapy shortened',
  interruption: 'Interruption',
  unattributed_dose: 'Unattributed dose',
};

export const DISPOSITION_WORDS: Record<ReviewDisposition, string> = {
  'no-action': 'No action needed',
  'clinically-justified': 'Clinically justified',
  'staff-follow-up': 'Follow up with staff',
  'library-change': 'Change the serum library',
  'device-service': 'Service the device',
  'incident-report': 'File an incident report',
};

export const METRIC_WORDS: Record<QualityMetric, { title: string; unit: string }> = {
  override: { title: 'Soft-limit overrides', unit: 'overrides per 100 shots' },
  hard_stop: { title: 'Hard stops', unit: 'hard stops per 100 shots' },
  near_miss: { title: 'Near misses', unit: 'near misses per 100 shots' },
  thermo_cut: { title: 'Thermotherapy shortened or skipped', unit: 'cuts per 100 shots' },
  interruption: { title: 'Interruptions', unit: 'interruptions per 100 shots' },
  unattributed: { title: 'Unattributed doses', unit: 'unattributed doses per 100 shots' },
};

export const DIMENSION_WORDS: Record<QualityDimension, string> = {
  clinician: 'Clinician',
  serum_version: 'Serum version',
  zone: 'Zone',
  month: 'Month',
};
