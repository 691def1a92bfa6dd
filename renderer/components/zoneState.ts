// How far a zone is towards its target, in words, a symbol, a percentage and a fill: never by colour
// alone. The state is decided on the whole-number percentage that is shown, so the words and the
// figure never disagree (109.6 % reads "110 %" and "target reached"; 110.1 % reads "110 %" too, so
// "above" starts at 111 %). Computed on integer nL. The words are the catalogue's (ScalpMap.tsx).

export type ZoneState = 'none' | 'under-half' | 'half' | 'reached' | 'above' | 'no-target';

export interface ZoneProgress {
  state: ZoneState;
  /** Whole percent of the target delivered (rounded down), or null without a target. */
  pct: number | null;
}

/** Reached from 95 % (the syringe's tolerance) to 110 % of the target; above from 111 %. */
export const REACHED_FROM_PCT = 95;
export const ABOVE_FROM_PCT = 111;

export const ZONE_STATE_SYMBOL: Record<ZoneState, string> = {
  none: '○',
  'under-half': '◔',
  half: '◑',
  reached: '✓',
  above: '▲',
  'no-target': '●',
};

export function zoneProgress(deliveredNl: number, targetNl: number | null): ZoneProgress {
  if (deliveredNl <= 0) return { state: 'none', pct: targetNl && targetNl > 0 ? 0 : null };
  if (targetNl === null || targetNl <= 0) return { state: 'no-target', pct: null };
  const pct = Math.floor((deliveredNl * 100) / targetNl);
  const state: ZoneState = pct >= ABOVE_FROM_PCT ? 'above' : pct >= REACHED_FROM_PCT ? 'reached' : pct >= 50 ? 'half' : 'under-half';
  return { state, pct };
}
