// A zone's state on the scalp map, in words and a symbol as well as a fill: decided on the whole
// percentage that is shown, so the figure and the words never disagree; the words in the window's language.
import { describe, expect, it } from 'vitest';
import { LOCALE_TAGS } from '../../../electron/contract/languages.js';
import { zoneStateWords } from '../../../renderer/components/ScalpMap.js';
import { zoneProgress } from '../../../renderer/components/zoneState.js';
import { UI_CATALOGUES } from '../../../renderer/i18n/I18n.js';
import type { UiMessageId } from '../../../renderer/i18n/messages/index.js';
import { makeFormat } from '../../../renderer/i18n/useFormat.js';
import { translator } from './intl.js';

const wordsIn = (lang: 'en' | 'tr' | 'es') => zoneStateWords(translator(lang), makeFormat(LOCALE_TAGS[lang], (id: UiMessageId) => UI_CATALOGUES[lang][id]));
const en = wordsIn('en');

describe('zoneProgress', () => {
  it.each([
    // [delivered nL, target nL, state, shown]
    [0, 400_000, 'none', '○ none'],
    [0, null, 'none', '○ none'],
    [1, 400_000, 'under-half', '◔ <1 %'],
    [199_999, 400_000, 'under-half', '◔ 49 %'],
    [200_000, 400_000, 'half', '◑ 50 %'],
    [379_999, 400_000, 'half', '◑ 94 %'],
    [380_000, 400_000, 'reached', '✓ 95 %'],
    [400_000, 400_000, 'reached', '✓ 100 %'],
    [443_999, 400_000, 'reached', '✓ 110 %'],
    [444_000, 400_000, 'above', '▲ 111 %'],
    [1_499_600, 1_000_000, 'above', '▲ 149 %'],
    [20_000, null, 'no-target', 'no target'],
    [20_000, 0, 'no-target', 'no target'],
  ] as const)('%d nL of %s nL: %s, "%s"', (delivered, target, state, short) => {
    const p = zoneProgress(delivered, target);
    expect(p.state).toBe(state);
    expect(en.short(p)).toBe(short);
  });

  it('says the state in words for screen readers, with the percentage', () => {
    expect(en.words(zoneProgress(300_000, 400_000))).toBe('half of target or more, 75 % of target');
    expect(en.words(zoneProgress(0, 400_000))).toBe('no shots yet');
    expect(en.words(zoneProgress(5_000, null))).toBe('treated, no target set');
  });

  it('says it in Turkish and Spanish, the percent sign where each language puts it', () => {
    expect(wordsIn('tr').short(zoneProgress(400_000, 400_000))).toBe('✓ %100');
    expect(wordsIn('tr').words(zoneProgress(300_000, 400_000))).toBe('hedefin yarısı veya daha fazlası; hedefe oranı %75');
    expect(wordsIn('es').short(zoneProgress(1, 400_000))).toBe('◔ <1 %');
    expect(wordsIn('es').words(zoneProgress(0, 400_000))).toBe('aún sin inyecciones');
  });

  it('every state has its own symbol or word, so no state is told by colour alone', () => {
    const shown = [zoneProgress(0, 1), zoneProgress(1, 10), zoneProgress(6, 10), zoneProgress(10, 10), zoneProgress(20, 10), zoneProgress(1, null)].map((p) => en.short(p).split(' ')[0]);
    expect(new Set(shown).size).toBe(6);
  });
});
