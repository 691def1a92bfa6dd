// The core's catalogues (core/i18n): the same keys in every language, each message formats with the
// values its callers give, and no key is left that nothing uses.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../electron/contract/languages.js';
import { ZONES } from '../../../electron/contract/sessions.js';
import { CORE_CATALOGUES, coreIntl } from '../../../electron/core/i18n/intl.js';
import type { CoreMessageId } from '../../../electron/core/i18n/messages/en.js';
import { AFTERCARE } from '../../../electron/core/patientSheet/pdf.js';

const ids = Object.keys(CORE_CATALOGUES.en).sort() as CoreMessageId[];
const SAMPLE = {
  name: 'İpek Işık',
  date: '1 June 2026',
  lot: 'L-1',
  count: 2,
  zones: 1,
  volume: '40.0 µL',
  id: 7,
  station: 'Room 1',
  // The session report's (report.*).
  code: 'P-1',
  status: 'signed',
  when: '04.03.2025 14:00:00 +01:00',
  who: 'admin1',
  exportId: 'E1',
  software: 'meso-station',
  sex: 'female',
  phase: 'closing',
  meaning: 'performed',
  reason: 'r',
  library: '3',
  from: 'a',
  to: 'b',
  duration: '10 min 00 s',
  kind: 'soft_ack',
  scope: 'zone',
  zone: 'vertex',
  text: 't',
  authenticated: 1,
  missing: 1,
  recovered: 3,
  rest: 'none lost',
  page: 1,
  pages: 2,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') && !p.includes(`${join('i18n', 'messages')}`) ? [p] : [];
  });
}

describe('core catalogues', () => {
  it('has every English key in Turkish and Spanish, and no other', () => {
    expect(ids.length).toBeGreaterThan(20);
    for (const lang of LANGUAGES) expect(Object.keys(CORE_CATALOGUES[lang]).sort(), lang).toEqual(ids);
  });

  it('formats every message in every language (ICU parses; plurals pick a form; no placeholder left)', () => {
    for (const lang of LANGUAGES)
      for (const id of ids) {
        const text = coreIntl(lang).t(id, SAMPLE);
        expect(text.length, `${lang} ${id}`).toBeGreaterThan(0);
        expect(text, `${lang} ${id}`).not.toMatch(/[{}]/);
      }
  });

  it('picks the plural form each language needs', () => {
    expect(coreIntl('en').t('sheet.zones.row', { count: 1, volume: 'v' })).toBe('1 injection, v');
    expect(coreIntl('en').t('sheet.zones.row', { count: 2, volume: 'v' })).toBe('2 injections, v');
    expect(coreIntl('es').t('sheet.zones.row', { count: 1, volume: 'v' })).toBe('1 inyección, v');
    expect(coreIntl('es').t('sheet.zones.row', { count: 3, volume: 'v' })).toBe('3 inyecciones, v');
    // Turkish keeps the noun singular after a number.
    expect(coreIntl('tr').t('sheet.zones.row', { count: 3, volume: 'v' })).toBe('3 enjeksiyon, v');
  });

  it('a missing value is an error, never a line with a hole in it', () => {
    expect(() => coreIntl('tr').t('sheet.patient')).toThrow();
  });

  it('leaves no key unused: each is named in the core, or is a zone or an aftercare line', () => {
    const code = sources(join(__dirname, '../../../electron/core')).map((f) => readFileSync(f, 'utf8')).join('\n');
    const dynamic = new Set<string>([...ZONES.map((z) => `zone.${z}`), ...AFTERCARE.map((k) => `sheet.aftercare.${k}`)]);
    const unused = ids.filter((id) => !dynamic.has(id) && !code.includes(`'${id}'`));
    expect(unused).toEqual([]);
    // And every dynamic key exists.
    for (const id of dynamic) expect(ids).toContain(id);
  });
});

describe('numbers and dates in the three languages', () => {
  const JUNE_1 = Date.UTC(2026, 5, 1, 12, 0);
  it.each([
    ['en', '1,499.6\u00a0µL', 'June'],
    ['tr', '1.499,6\u00a0µL', 'Haziran'],
    ['es', '1499,6\u00a0µL', 'junio'],
  ] as const)('%s: 1,499,600 nL reads %s; 1 June names the month (%s)', async (lang, volume, month) => {
    const { formatVolume } = await import('../../../electron/contract/units.js');
    const i = coreIntl(lang);
    expect(formatVolume(1_499_600, { locale: i.locale })).toBe(volume);
    expect(i.date(JUNE_1)).toContain(month);
    expect(i.date(JUNE_1)).toContain('2026');
  });
});
