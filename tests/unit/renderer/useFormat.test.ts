// The window's formatter in each language: figures, dates and zone names (issue 13's formatting table).
import { describe, expect, it } from 'vitest';
import { LOCALE_TAGS } from '../../../electron/contract/languages.js';
import { UI_CATALOGUES } from '../../../renderer/i18n/I18n.js';
import type { UiMessageId } from '../../../renderer/i18n/messages/index.js';
import { makeFormat } from '../../../renderer/i18n/useFormat.js';

const fmt = (lang: 'en' | 'tr' | 'es') => makeFormat(LOCALE_TAGS[lang], (id: UiMessageId) => UI_CATALOGUES[lang][id]);
// 30 November 2026, 14:05:09 in the test's own time zone (the formatter follows the station's zone).
const at = new Date(2026, 10, 30, 14, 5, 9).getTime();

describe('makeFormat', () => {
  it.each([
    ['en', '1,499.6\u00a0µL', '30 Nov 2026', '14:05:09', 'Vertex (crown)', '21,499.6\u00a0µL'],
    ['tr', '1.499,6\u00a0µL', '30 Kas 2026', '14:05:09', 'Verteks (tepe)', '21.499,6\u00a0µL'],
    ['es', '1499,6\u00a0µL', '30 nov 2026', '14:05:09', 'Vértex (coronilla)', '21.499,6\u00a0µL'],
  ] as const)('writes %s volumes, dates, times and zones in its own way', (lang, volume, date, time, zone, big) => {
    const f = fmt(lang);
    expect(f.volume(1_499_600)).toBe(volume);
    expect(f.volume(21_499_600)).toBe(big);
    expect(f.date(at)).toBe(date);
    expect(f.time(at)).toBe(time);
    expect(f.zone('vertex')).toBe(zone);
  });

  it('says what it does not know instead of guessing', () => {
    const f = fmt('tr');
    expect(f.date(null)).toBe('-');
    expect(f.date('not a date')).toBe('not a date');
    expect(f.zone('scalp_99')).toBe('scalp_99');
  });

  it('writes a calendar day (an expiry, a birth date) as that day in every time zone', () => {
    const zone = process.env.TZ;
    try {
      for (const tz of ['America/New_York', 'Europe/Istanbul', 'UTC']) {
        process.env.TZ = tz; // Node applies a new TZ at once, to Date and Intl alike
        expect(fmt('tr').date('2031-12-31'), tz).toBe('31 Ara 2031');
        expect(fmt('en').date('1990-03-04'), tz).toBe('04 Mar 1990');
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('writes durations and timers with SI symbols', () => {
    const f = fmt('es');
    expect(f.duration(45_000)).toBe('45\u00a0s');
    expect(f.duration(725_000)).toBe('12\u00a0min 05\u00a0s');
    expect(f.clock(725_000)).toBe('12:05');
    expect(f.number(1499.6, 1)).toBe('1499,6');
  });
});
