// Reasons are codes with parameters, worded by the renderer: every code the core can raise has its
// message in all three languages, and the parameters come out in the reader's language (tr-TR:
// "1.499,6 µL" and the Turkish zone name).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isArgumentElement, isNumberElement, isPluralElement, isSelectElement, parse, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { createIntl } from 'react-intl';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, LOCALE_TAGS, type Language } from '../../../electron/contract/languages.js';
import { REASON_CODES, type Reason } from '../../../electron/contract/reasons.js';
import { UI_CATALOGUES } from '../../../renderer/i18n/I18n.js';
import type { UiMessageId } from '../../../renderer/i18n/messages/index.js';
import { makeFormat } from '../../../renderer/i18n/useFormat.js';
import { auditActorText, errorText, interruptionText, reasonText } from '../../../renderer/reasons.js';

function words(language: Language) {
  const intl = createIntl({ locale: LOCALE_TAGS[language], messages: UI_CATALOGUES[language], onError: (e) => { throw e; } });
  const t = (id: UiMessageId, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  return { t, fmt: makeFormat(LOCALE_TAGS[language], (id) => intl.formatMessage({ id })) };
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : /\.ts$/.test(p) ? [p] : [];
  });
}

describe('reason words', () => {
  it('has a message for every reason code in every language', () => {
    for (const lang of LANGUAGES) for (const code of REASON_CODES) expect(UI_CATALOGUES[lang], `${lang} ${code}`).toHaveProperty([`reason.${code}`]);
  });

  it('knows every reason code the core names in its sources', () => {
    // A literal `code: 'area.what'` in the core must be a listed code (the type says so too; this
    // also catches codes built by hand in places typed loosely).
    const root = join(__dirname, '../../../electron/core');
    const named = new Set<string>();
    for (const f of sources(root)) for (const m of readFileSync(f, 'utf8').matchAll(/\bcode: '([a-z][a-zA-Z-]*\.[a-z][a-z-]*)'/g)) named.add(m[1]!);
    expect(named.size).toBeGreaterThan(50);
    expect([...named].filter((c) => !(REASON_CODES as readonly string[]).includes(c))).toEqual([]);
  });

  it('words every code with plausible parameters in every language without a formatting error', () => {
    for (const lang of LANGUAGES) {
      const { t, fmt } = words(lang);
      for (const code of REASON_CODES) {
        // Every argument the English message reads: a number where it counts, a word otherwise.
        const params: Record<string, string | number> = {};
        const walk = (els: MessageFormatElement[]) => {
          for (const el of els) {
            if (isPluralElement(el)) params[el.value] = 2;
            else if (isSelectElement(el)) params[el.value] ??= 'other';
            else if (isArgumentElement(el) || isNumberElement(el)) params[el.value] ??= el.value.endsWith('Nl') ? 1_000 : 'x';
            if (isPluralElement(el) || isSelectElement(el)) for (const o of Object.values(el.options)) walk(o.value);
          }
        };
        walk(parse(UI_CATALOGUES.en[`reason.${code}`]));
        expect(reasonText(t, fmt, { code, params }).length, `${lang} ${code}`).toBeGreaterThan(0);
      }
    }
  });

  it('says a Turkish limit problem with Turkish figures and the Turkish zone name', () => {
    const { t, fmt } = words('tr');
    const soft: Reason = { code: 'limit.soft', params: { scope: 'zone', zone: 'vertex', totalNl: 1_499_600, limitNl: 1_500_000, doseNl: 5_000, pendingNl: 0, pendingRecords: 0 } };
    const text = reasonText(t, fmt, soft);
    expect(text).toContain('1.499,6\u00a0µL');
    expect(text).toContain('1.500,0\u00a0µL');
    expect(text).toContain(fmt.zone('vertex'));
    expect(fmt.zone('vertex')).not.toBe(words('en').fmt.zone('vertex'));
    expect(text).toContain('yumuşak sınır');
    const es = words('es');
    expect(reasonText(es.t, es.fmt, soft)).toContain('1499,6\u00a0µL');
  });

  it('shows words stored before reasons were codes as they are', () => {
    const { t, fmt } = words('tr');
    expect(reasonText(t, fmt, { code: 'recorded.text', params: { text: 'zone vertex: 60.0 uL delivered' } })).toBe('zone vertex: 60.0 uL delivered');
  });

  it('words a failed call from its reason, and an unknown code as the code', () => {
    const { t, fmt } = words('es');
    expect(errorText(t, fmt, { code: 'locked', message: 'the station is locked', reason: { code: 'auth.station-locked' } })).toMatch(/bloqueado/);
    expect(reasonText(t, fmt, { code: 'no.such-code' } as unknown as Reason)).toBe('no.such-code');
  });

  it('words audit actors and interruptions from the catalogue', () => {
    const { t, fmt } = words('tr');
    expect(auditActorText(t, 'station:auto-lock')).toBe('istasyon (otomatik kilit)');
    expect(auditActorText(t, 'ayse')).toBe('ayse');
    expect(interruptionText(t, fmt, { kind: 'station-restart', startedAt: 0, endedAt: 1000, recovered: 49, missing: 0 })).toMatch(/49 doz.*kayıp yok/);
  });
});
