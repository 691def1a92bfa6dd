// The screens' catalogues (renderer/i18n): every English key in Turkish and Spanish with the same
// placeholders, plurals and selects; no key that no screen uses; and a pseudo-locale that changes
// only the words.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isStructurallySame, parse } from '@formatjs/icu-messageformat-parser';
import { printAST } from '@formatjs/icu-messageformat-parser/printer.js';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../electron/contract/languages.js';
import { REASON_CODES } from '../../../electron/contract/reasons.js';
import { FAULT_NAMES, ZONES } from '../../../electron/contract/sessions.js';
import { ROUTES } from '../../../renderer/routes.js';
import { UI_CATALOGUES } from '../../../renderer/i18n/I18n.js';
import { EN_AREAS, type UiMessageId } from '../../../renderer/i18n/messages/index.js';
import { pseudoCatalogue, pseudoMessage } from '../../../renderer/i18n/pseudo.js';

const en = UI_CATALOGUES.en;
const ids = Object.keys(en).sort() as UiMessageId[];

function rendererSources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return p.endsWith(join('i18n', 'messages')) ? [] : rendererSources(p);
    return /\.(ts|tsx)$/.test(p) ? [p] : [];
  });
}

describe('screen catalogues', () => {
  it('has every English key in Turkish and Spanish, and no other', () => {
    expect(ids.length).toBeGreaterThan(10);
    for (const lang of LANGUAGES) expect(Object.keys(UI_CATALOGUES[lang]).sort(), lang).toEqual(ids);
  });

  it('keeps each key in one area only', () => {
    const perArea = Object.values(EN_AREAS).reduce<number>((n, area) => n + Object.keys(area).length, 0);
    expect(perArea).toBe(ids.length);
  });

  it('keeps each message’s placeholders, plurals and selects in every language', () => {
    for (const lang of LANGUAGES)
      for (const id of ids) {
        const same = isStructurallySame(parse(en[id]), parse(UI_CATALOGUES[lang][id]));
        expect(same.success ? true : `${lang} ${id}: ${same.error?.message}`).toBe(true);
      }
  });

  it('uses every key somewhere in the renderer', () => {
    const code = rendererSources(join(__dirname, '../../../renderer')).map((f) => readFileSync(f, 'utf8')).join('\n');
    // Families looked up by a name from the contract: every member must exist.
    const dynamic = new Set<string>([...FAULT_NAMES.map((f) => `fault.${f}`), ...ZONES.flatMap((z) => [`zone.${z}`, `zoneShort.${z}`]), ...ids.filter((id) => id.startsWith('route.')), ...REASON_CODES.map((c) => `reason.${c}`)]);
    // A route.<name> key names a screen of the registry.
    for (const id of ids.filter((i) => i.startsWith('route.'))) expect(Object.keys(ROUTES)).toContain(id.slice('route.'.length));
    for (const id of dynamic) expect(ids).toContain(id);
    expect(ids.filter((id) => !dynamic.has(id) && !code.includes(`'${id}'`) && !code.includes(`"${id}"`))).toEqual([]);
  });
});

describe('pseudo-locale', () => {
  it('accents the words, pads by about 30 % and brackets, keeping placeholders and plurals', () => {
    expect(pseudoMessage('Log in')).toBe('[Ļöĝ îñ ~~]');
    const p = pseudoMessage('Locked for {name} ({username}).');
    expect(p).toContain('{name}');
    expect(p).toContain('{username}');
    expect(p).not.toContain('Locked');
    const plural = pseudoMessage('{count, plural, one {# dose} other {# doses}}');
    expect(isStructurallySame(parse('{count, plural, one {# dose} other {# doses}}'), parse(plural.slice(1, plural.indexOf(' ~')))).success).toBe(true);
    expect(plural).toContain('# đöšé');
  });

  it('pads by the longest branch a select can show, not by all its branches together', () => {
    const select = pseudoMessage('{mode, select, papule {papule} nappage {nappage} micropapule {micropapule} other {{mode}}}');
    expect(select.slice(select.indexOf(' ~') + 1, -1)).toBe('~~~');
  });

  it('pads with words that wrap, never one run longer than five tildes', () => {
    const long = pseudoMessage('The serum was approved by another administrator for clinical use.');
    const padding = long.slice(long.indexOf(' ~') + 1, -1);
    expect(padding.split(' ').map((w) => w.length)).toEqual([5, 5, 5, 5]);
  });

  it('covers every key, each longer than its English, padded', () => {
    const pseudo = pseudoCatalogue(en);
    for (const id of ids) {
      expect(pseudo[id].length, id).toBeGreaterThan(printAST(parse(en[id])).length + 3);
      expect(pseudo[id], id).toMatch(/ ~+\]$/);
    }
  });
});
