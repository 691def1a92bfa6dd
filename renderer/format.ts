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

export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
