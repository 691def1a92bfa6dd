// Which catalogue entry words each of the quality review's codes: item kinds, dispositions, metrics
// and breakdowns (renderer/i18n/messages/quality). The sentences for reasons (what happened,
// refusals) live in renderer/reasons.ts with the others; zone names come from useFormat().
import type { QualityDimension, QualityMetric, QualityRateRow } from '../../../electron/contract/quality.js';
import type { ReviewDisposition, ReviewItemKind } from '../../../electron/contract/review.js';
import type { Translate } from '../../i18n/I18n.js';
import type { UiMessageId } from '../../i18n/messages/index.js';
import type { Format } from '../../i18n/useFormat.js';

export const KIND_WORDS: Record<ReviewItemKind, UiMessageId> = {
  near_miss: 'quality.kind.nearMiss',
  hard_stop: 'quality.kind.hardStop',
  thermo_skipped: 'quality.kind.thermoSkipped',
  thermo_shortened: 'quality.kind.thermoShortened',
  interruption: 'quality.kind.interruption',
  unattributed_dose: 'quality.kind.unattributedDose',
};

export const DISPOSITION_WORDS: Record<ReviewDisposition, UiMessageId> = {
  'no-action': 'quality.disposition.noAction',
  'clinically-justified': 'quality.disposition.clinicallyJustified',
  'staff-follow-up': 'quality.disposition.staffFollowUp',
  'library-change': 'quality.disposition.libraryChange',
  'device-service': 'quality.disposition.deviceService',
  'incident-report': 'quality.disposition.incidentReport',
};

/** A metric's chart title, and its unit: the value axis's label ("overrides per 100 shots"). */
export const METRIC_WORDS: Record<QualityMetric, { title: UiMessageId; unit: UiMessageId }> = {
  override: { title: 'quality.metric.override', unit: 'quality.unit.override' },
  hard_stop: { title: 'quality.metric.hardStop', unit: 'quality.unit.hardStop' },
  near_miss: { title: 'quality.metric.nearMiss', unit: 'quality.unit.nearMiss' },
  thermo_cut: { title: 'quality.metric.thermoCut', unit: 'quality.unit.thermoCut' },
  interruption: { title: 'quality.metric.interruption', unit: 'quality.unit.interruption' },
  unattributed: { title: 'quality.metric.unattributed', unit: 'quality.unit.unattributed' },
};

export const DIMENSION_WORDS: Record<QualityDimension, UiMessageId> = {
  clinician: 'quality.dimension.clinician',
  serum_version: 'quality.dimension.serumVersion',
  zone: 'quality.dimension.zone',
  month: 'quality.dimension.month',
};

const NULL_ROW: Record<QualityDimension, UiMessageId> = {
  clinician: 'quality.nullRow.clinician',
  serum_version: 'quality.nullRow.serumVersion',
  zone: 'quality.nullRow.zone',
  month: 'quality.nullRow.month',
};

/** What a row of a breakdown is called on a chart's axis and in its table, in the window's language. */
export function rowLabel(t: Translate, f: Format, dimension: QualityDimension, row: QualityRateRow): string {
  if (row.key === null) return t(NULL_ROW[dimension]);
  switch (dimension) {
    case 'clinician':
      return row.label ?? t('quality.row.user', { id: row.key });
    case 'serum_version': {
      const name = row.label ?? t('quality.row.serumVersion', { id: row.key });
      return row.version === null ? name : t('quality.row.serumWithVersion', { name, version: row.version });
    }
    case 'zone':
      return f.zone(row.key);
    case 'month': {
      const [y, m] = row.key.split('-').map(Number) as [number, number];
      return new Intl.DateTimeFormat(f.locale, { month: 'short', year: 'numeric' }).format(new Date(y, m - 1, 1));
    }
  }
}

/** A rate per 100 shots as the tables show it; "no shots" where there was nothing to count against. */
export function rateText(t: Translate, f: Format, rate: number | null): string {
  return rate === null ? t('quality.noShots') : f.number(rate, 2);
}
