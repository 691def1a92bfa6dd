// One colour per zone, for the shot timeline and its legend. Zone names, dates and figures are the
// window's language's: renderer/i18n/useFormat.ts.
import type { Zone } from '../electron/contract/sessions.js';

/**
 * One colour per zone for timelines and legends (Okabe-Ito based, darkened so white text and the
 * white table background both keep AA contrast against them).
 */
export const ZONE_COLOURS: Record<Zone, string> = {
  frontal: '#0a6ba8',
  mid_scalp: '#b35900',
  vertex: '#007a5e',
  temporal_left: '#a8327c',
  temporal_right: '#5c4db1',
  parietal_left: '#8a6d00',
  parietal_right: '#2f6f8f',
  occipital: '#5a6675',
};
