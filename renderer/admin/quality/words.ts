// The words for the quality review's codes: item kinds, dispositions, metrics and breakdowns. The
// sentences for reasons (what happened, refusals) live in renderer/reasons.ts with the others.
import type { QualityDimension, QualityMetric, QualityRateRow } from '../../../electron/contract/quality.js';
import type { ReviewDisposition, ReviewItemKind } from '../../../electron/contract/review.js';
import { zoneLabel } from '../../format.js';

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

const NULL_ROW: Record<QualityDimension, string> = {
  clinician: 'No session',
  serum_version: 'No serum',
  zone: 'Session-wide',
  month: 'No month',
};

/** What a row of a breakdown is called on a chart's axis and in its table. */
export function rowLabel(dimension: QualityDimension, row: QualityRateRow): string {
  if (row.key === null) return NULL_ROW[dimension];
  switch (dimension) {
    case 'clinician':
      return row.label ?? `User ${row.key}`;
    case 'serum_version':
      return `${row.label ?? `Serum version ${row.key}`}${row.version !== null ? ` v${row.version}` : ''}`;
    case 'zone':
      return zoneLabel(row.key);
    case 'month': {
      const [y, m] = row.key.split('-').map(Number) as [number, number];
      return new Date(y, m - 1, 1).toLocaleDateString('en-GB', { month: 'short', year: 'numeric' });
    }
  }
}

/** A rate per 100 shots as the tables show it; "no shots" where there was nothing to count against. */
export function rateText(rate: number | null): string {
  return rate === null ? 'no shots' : rate.toFixed(2);
}
