// A calendar day as the records hold it ("2026-01-31": a lot's expiry, a birth date) read as that day
// on the station's own calendar, for useFormat().date. Read as `new Date("2026-01-31")` it would be
// midnight UTC, which a clock behind UTC shows as the day before.
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local midnight of a yyyy-mm-dd day; anything else is passed on as it is (shown as it came). */
export function calendarDay(day: string): number | string {
  const m = DAY.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime() : day;
}
