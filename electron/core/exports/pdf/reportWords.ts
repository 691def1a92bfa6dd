// The session report's language: its words from the core's catalogues (core/i18n, report.*), and how
// it writes figures, instants and zone names in that language. The report and its scalp map share it.
import type { Language } from '../../../contract/languages.js';
import { formatVolumeFigure } from '../../../contract/units.js';
import { coreIntl, type CoreIntl } from '../../i18n/intl.js';
import { reportTime } from '../time.js';

/** The report's language: its words, and how it writes figures, instants and zone names. */
export interface ReportWords {
  t: CoreIntl['t'];
  /** A µL figure for a column whose header names the unit ("1,499.6"; "1.499,6" in Turkish). */
  ul(nl: number): string;
  /** A count. */
  n(count: number): string;
  /** An instant, local time with its UTC offset (time.ts reportTime). */
  time(ms: number | null): string;
  zone(zone: string): string;
  /** How a text cut short says so. */
  cut(totalChars: number): string;
}

export function reportWords(language: Language): ReportWords {
  const i = coreIntl(language);
  const count = new Intl.NumberFormat(i.locale, { maximumFractionDigits: 0 });
  return {
    t: i.t,
    ul: (nl) => formatVolumeFigure(nl, { locale: i.locale }),
    n: (c) => count.format(c),
    time: reportTime(language),
    zone: (zone) => i.t('report.zoneName', { zone }),
    // The count as digits, as it stands in the CSV/JSON the note points to.
    cut: (total) => i.t('report.cut', { count: String(total) }),
  };
}
