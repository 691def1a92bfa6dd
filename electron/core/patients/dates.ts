// Calendar-day arithmetic on YYYY-MM-DD strings. Clinical dates here (birth, visit, due, expiry) are
// days, not instants, so they are counted on a UTC day line where every day has 24 hours.
import type { Clock } from '../clock.js';

const MS_PER_DAY = 86_400_000;

export function dayNumber(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / MS_PER_DAY);
}

export function fromDayNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return fromDayNumber(dayNumber(iso) + days);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** Today on the station's wall calendar (local time): what "due today" and "expired" mean in the room. */
export function todayIso(clock: Clock): string {
  return localDateOf(clock.now());
}

/** The station's calendar day of an instant (epoch ms). */
export function localDateOf(ms: number): string {
  const t = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${pad(t.getMonth() + 1)}-${pad(t.getDate())}`;
}

export function nowIso(clock: Clock): string {
  return new Date(clock.now()).toISOString();
}
