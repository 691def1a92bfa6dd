// Numbers, dates, durations, volumes and zone names in the window's language: Intl for the figures
// (tr-TR writes 1.499,6 µL and 30.11.2026; es-ES 1499,6 µL and 30/11/2026), the catalogue for the
// zone names. One place, so a screen never formats a date or a volume with the operating system's
// locale inside a Turkish sentence. Volumes and depths are the units module's (contract/units.ts).
import { useMemo } from 'react';
import { useIntl } from 'react-intl';
import { ZONES, type Zone } from '../../electron/contract/sessions.js';
import { formatDepth, formatVolume, type VolumeFormatOptions } from '../../electron/contract/units.js';
import type { UiMessageId } from './messages/index.js';

type When = number | string | null | undefined;

export interface Format {
  /** The Intl locale everything here is written in ('tr-TR'). */
  readonly locale: string;
  /** 30 Nov 2026 / 30 Kas 2026 / 30 nov 2026; "-" for none. */
  date(when: When): string;
  /** The date with hours and minutes. */
  dateTime(when: When): string;
  /** hh:mm:ss on a 24-hour clock (a column of shot times). */
  time(when: When): string;
  /** "12 min 05 s" / "45 s": how long a span took (SI symbols, the same in every language). */
  duration(ms: number): string;
  /** mm:ss, for a running timer. */
  clock(ms: number): string;
  /** A plain figure with the language's decimal mark and grouping. */
  number(n: number, fractionDigits?: number): string;
  volume(nl: number, opts?: Omit<VolumeFormatOptions, 'locale'>): string;
  depth(um: number): string;
  /** A scalp zone's name ("Vertex (crown)"); an id that is no zone is shown as it is. */
  zone(id: string): string;
  /** The short name, for narrow columns and the scalp map ("Temp L"). */
  zoneShort(id: string): string;
}

const isZone = (id: string): id is Zone => (ZONES as readonly string[]).includes(id);
const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The formatter for a locale and a catalogue lookup; useFormat() is this for the window. */
export function makeFormat(locale: string, message: (id: UiMessageId) => string): Format {
  const dateF = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: '2-digit' });
  // A calendar day with no time (an expiry, a birth date: "2031-12-31") is that day everywhere: read
  // as midnight UTC, it is written in UTC, or west of Greenwich it would show the day before.
  const dayF = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: '2-digit', timeZone: 'UTC' });
  const dateTimeF = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const timeF = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const numbers = new Map<number, Intl.NumberFormat>();
  const when = (f: Intl.DateTimeFormat) => (w: When) => {
    if (w === null || w === undefined) return '-';
    const d = new Date(w);
    // Say what is known: a value that is no date is shown as it came, never as a guess.
    return Number.isNaN(d.getTime()) ? String(w) : f.format(d);
  };
  return {
    locale,
    date: (w) => (typeof w === 'string' && CALENDAR_DAY.test(w) ? when(dayF)(w) : when(dateF)(w)),
    dateTime: when(dateTimeF),
    time: when(timeF),
    duration(ms) {
      const s = Math.max(0, Math.round(ms / 1000));
      return s < 60 ? `${s}\u00a0s` : `${Math.floor(s / 60)}\u00a0min ${String(s % 60).padStart(2, '0')}\u00a0s`;
    },
    clock(ms) {
      const s = Math.max(0, Math.round(ms / 1000));
      return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
    },
    number(n, fractionDigits = 0) {
      let f = numbers.get(fractionDigits);
      if (!f) numbers.set(fractionDigits, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits, useGrouping: 'auto' })));
      return f.format(n);
    },
    volume: (nl, opts = {}) => formatVolume(nl, { ...opts, locale }),
    depth: (um) => formatDepth(um, { locale }),
    zone: (id) => (isZone(id) ? message(`zone.${id}`) : id),
    zoneShort: (id) => (isZone(id) ? message(`zoneShort.${id}`) : id),
  };
}

/** The window's formatter: its language's numbers, dates and zone names. */
export function useFormat(): Format {
  const intl = useIntl();
  return useMemo(() => makeFormat(intl.locale, (id) => intl.formatMessage({ id })), [intl]);
}
