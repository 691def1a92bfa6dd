// Display helpers: units (the core speaks nL and um; people read uL and mm), dates, zone names.

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

/** nL -> "12.5 uL" (one decimal below 100 uL). */
export function fmtUl(nl: number): string {
  const ul = nl / 1000;
  if (ul === 0) return '0 µL';
  return `${ul >= 100 ? ul.toFixed(0) : ul.toFixed(1)} µL`;
}

export function fmtMl(nl: number): string {
  return `${(nl / 1_000_000).toFixed(2)} mL`;
}

export function fmtMm(um: number): string {
  return `${(um / 1000).toFixed(1)} mm`;
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

/** What a failed call says on screen (the core's limit refusals carry uL and zone ids: humanized). */
export function errorText(e: unknown): string {
  return humanizeMessage(e instanceof Error ? e.message : String(e));
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

/**
 * Limit and stop messages come from the core in its log wording ("zone vertex: 60 uL delivered").
 * On screen: the micro sign, and zone names as people read them ("Vertex (crown)").
 */
export function humanizeMessage(text: string): string {
  // The core writes exact figures (98.593 uL); a screen shows one decimal, as fmtUl does.
  let out = text.replace(/(\d+(?:\.\d+)?)\s?uL\b/g, (_m, n: string) => `${n.includes('.') && n.split('.')[1]!.length > 1 ? Number(n).toFixed(1) : n} µL`);
  for (const z of ZONE_IDS) out = out.replace(new RegExp(`\\b${z}\\b`, 'g'), ZONE_NAMES[z].label);
  return out;
}
