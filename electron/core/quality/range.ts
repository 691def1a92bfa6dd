// A dashboard range in the station's time zone: local midnight to local midnight (right across
// daylight-saving changes, from the exports' day rule), and the calendar months it touches.
import type { QualityRange } from '../../contract/quality.js';
import { localDayEndMs, localDayStartMs } from '../sessions/dates.js';

export interface RangeMs {
  fromMs: number;
  /** Exclusive. */
  toMs: number;
}

export interface MonthBucket {
  /** 'YYYY-MM' */
  key: string;
  lo: number;
  /** Exclusive. */
  hi: number;
}

export function rangeMs(r: QualityRange): RangeMs {
  return { fromMs: localDayStartMs(r.fromDate), toMs: localDayEndMs(r.toDate) };
}

/** Every month the range touches, each cut to the range. */
export function monthsOf(r: QualityRange): MonthBucket[] {
  const { fromMs, toMs } = rangeMs(r);
  const [y0, m0] = r.fromDate.split('-').map(Number) as [number, number];
  const out: MonthBucket[] = [];
  for (let i = 0; ; i++) {
    const start = new Date(y0, m0 - 1 + i, 1);
    if (start.getTime() >= toMs) break;
    const next = new Date(y0, m0 + i, 1).getTime();
    out.push({ key: `${start.getFullYear()}-${String(start.getMonth() + 1).padStart(2, '0')}`, lo: Math.max(fromMs, start.getTime()), hi: Math.min(toMs, next) });
  }
  return out;
}
