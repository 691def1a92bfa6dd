// Times in exports. Data files (CSV, JSON) use ISO 8601 in UTC ("Z"): unambiguous for machines and
// across daylight-saving changes. The PDF is read by people in the clinic, so it shows the station's
// local time with its UTC offset, which still pins the instant.

export function isoUtc(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** "2025-03-04 14:05:12 +01:00" in the process's time zone. */
export function localTime(ms: number | null): string {
  if (ms === null) return '-';
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** "12 min 05 s" for a duration. */
export function duration(ms: number | null): string {
  if (ms === null) return '-';
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min ${pad(s % 60)} s` : `${s} s`;
}
