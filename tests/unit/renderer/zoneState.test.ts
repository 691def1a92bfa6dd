// A zone's state on the scalp map, in words and a symbol as well as a fill: decided on the whole
// percentage that is shown, so the figure and the words never disagree.
import { describe, expect, it } from 'vitest';
import { zoneProgress } from '../../../renderer/components/zoneState.js';

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
    expect(p.short).toBe(short);
  });

  it('says the state in words for screen readers, with the percentage', () => {
    expect(zoneProgress(300_000, 400_000).words).toBe('half of target or more, 75 % of target');
    expect(zoneProgress(0, 400_000).words).toBe('no shots yet');
    expect(zoneProgress(5_000, null).words).toBe('treated, no target set');
  });

  it('every state has its own symbol or word, so no state is told by colour alone', () => {
    const shown = [zoneProgress(0, 1), zoneProgress(1, 10), zoneProgress(6, 10), zoneProgress(10, 10), zoneProgress(20, 10), zoneProgress(1, null)].map((p) => p.short.split(' ')[0]);
    expect(new Set(shown).size).toBe(6);
  });
});
