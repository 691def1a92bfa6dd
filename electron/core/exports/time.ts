// Times in exports. Data files (CSV, JSON) use ISO 8601 in UTC ("Z"): unambiguous for machines and
// across daylight-saving changes. The PDF is read by people in the clinic, so it shows the station's
// local time with its UTC offset, which still pins the instant, in the reader's language.
import type { Language } from '../../contract/languages.js';
import { LOCALE_TAGS } from '../../contract/languages.js';

export function isoUtc(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** "+01:00": the process's time zone's offset from UTC at that instant. */
function utcOffset(d: Date): string {
  const off = -d.getTimezoneOffset();
  const a = Math.abs(off);
  return `${off >= 0 ? '+' : '-'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** "2025-03-04 14:05:12 +01:00" in the process's time zone. */
export function localTime(ms: number | null): string {
  if (ms === null) return '-';
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${utcOffset(d)}`;
}

/** "12 min 05 s" for a duration. */
export function duration(ms: number | null): string {
  if (ms === null) return '-';
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min ${pad(s % 60)} s` : `${s} s`;
}

/**
 * An instant as the PDF report prints it, local time with its UTC offset. English keeps the ISO 8601
 * order the report has always printed ("2025-03-04 14:05:12 +01:00": year first, read the same way
 * everywhere). Turkish and Spanish write the day first with their own separators, by Intl
 * ("04.03.2025 14:05:12 +01:00", "04/03/2025 14:05:12 +01:00"), as their clinical records do.
 */
export function reportTime(language: Language): (ms: number | null) => string {
  if (language === 'en') return localTime;
  const day = new Intl.DateTimeFormat(LOCALE_TAGS[language], { day: '2-digit', month: '2-digit', year: 'numeric' });
  const clock = new Intl.DateTimeFormat(LOCALE_TAGS[language], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return (ms) => {
    if (ms === null) return '-';
    const d = new Date(ms);
    return `${day.format(d)} ${clock.format(d)} ${utcOffset(d)}`;
  };
}
