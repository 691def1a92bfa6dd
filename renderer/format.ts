// Display helpers from before the languages work: they format with the operating system's locale and
// English zone names. Screens move to renderer/i18n/useFormat.ts (the window's language); what is left
// here goes once no screen uses it. Volumes and depths are the units module's (electron/contract/units.ts).

import { ZONES as ZONE_IDS, type Zone } from '../electron/contract/sessions.js';

const ZONE_NAMES: Record<Zone, { label: string; short: string }> = {
  frontal: { label: 'Frontal (hairline)', short: 'Frontal' },
  mid_scalp: { label: 'Mid-scalp', short: 'Mid' },
  vertex: { label: 'Vertex (crown)', short: 'Vertex' },
  temporal_left: { label: 'Temporal left', short: 'Temp L' },
  temporal_right: { label: 'Temporal right', short: 'Temp R' },
  parietal_left: { label: 'Parietal left', short: 'Par L' },
  parietal_right: { label: 'Parietal right', short: 'Par R' },
  occipital: { label: 'Occipital', short: 'Occip' },
};

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

/** The contract's zones in key order (key 1 = frontal ... 8 = occipital), with display names. */
export const ZONES = ZONE_IDS.map((id) => ({ id, ...ZONE_NAMES[id] }));
export type ZoneId = Zone;

export function zoneLabel(id: string): string {
  return ZONES.find((z) => z.id === id)?.label ?? id;
}

export function fmtDateTime(ms: number | string | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}

export function fmtDate(ms: number | string | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: '2-digit' });
}

/** mm:ss */
export function fmtClock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** hh:mm:ss on a 24-hour clock (short enough for a column of shot times). */
export function fmtTime(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  return d.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

/** "12 min 05 s" / "45 s": how long a span of shots took. */
export function fmtDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
