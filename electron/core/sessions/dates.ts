// Calendar dates on the station's own clock and time zone: expiry, course rules and the records'
// date filters are by the local calendar day in the treatment room.
export function localDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Local midnight starting the given day (YYYY-MM-DD), in ms. */
export function localDayStartMs(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}

/**
 * Local midnight after the given day (an exclusive upper bound), in ms. Computed from the calendar,
 * never as start + 24 h: a day with a daylight-saving change lasts 23 or 25 hours.
 */
export function localDayEndMs(isoDate: string): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + 1).getTime();
}
