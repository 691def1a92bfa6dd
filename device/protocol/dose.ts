// Dose profiles, the limits a gun enforces, and dose-record integrity: shared by the gun (simulator)
// and the station so that both refuse the same profile with the same field name.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, sameBytes, utf8 } from './bytes.js';
import { encodePayload } from './codec.js';
import { crc32 } from './crc32.js';
import { DOSE_MODES, doseModeName, type DoseMode } from './constants.js';
import type { MessageOf } from './schema.js';

export interface DoseProfile {
  doseNl: number;
  entryPct: number;
  dwellPct: number;
  exitPct: number;
  depthUm: number;
  mode: DoseMode;
  minIntervalMs: number;
}

export interface GunLimits {
  doseMinNl: number;
  doseMaxNl: number;
  depthMinUm: number;
  depthMaxUm: number;
  maxShotsPerS: number;
  minIntervalMs: number;
  reservoirCapacityNl: number;
}

/** The hard limits of the gun the simulator models (domain.md, "The gun"). */
export const DEFAULT_GUN_LIMITS: GunLimits = {
  doseMinNl: 5_000,
  doseMaxNl: 200_000,
  depthMinUm: 500,
  depthMaxUm: 6_000,
  maxShotsPerS: 9,
  minIntervalMs: 111,
  reservoirCapacityNl: 10_000_000,
};

/** Defaults from domain.md: 20 uL, all released while the needle dwells, 2 mm deep, 2 shots/s. */
export const DEFAULT_PROFILE: DoseProfile = {
  doseNl: 20_000,
  entryPct: 0,
  dwellPct: 100,
  exitPct: 0,
  depthUm: 2_000,
  mode: 'papule',
  minIntervalMs: 500,
};

export interface LimitViolation {
  field: keyof DoseProfile;
  message: string;
}

export function checkProfile(p: DoseProfile, limits: GunLimits): LimitViolation | null {
  const intIn = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!intIn(p.doseNl, limits.doseMinNl, limits.doseMaxNl))
    return { field: 'doseNl', message: `dose ${p.doseNl / 1000} uL is outside the gun's limits ${limits.doseMinNl / 1000}-${limits.doseMaxNl / 1000} uL` };
  if (!intIn(p.depthUm, limits.depthMinUm, limits.depthMaxUm))
    return { field: 'depthUm', message: `depth ${p.depthUm / 1000} mm is outside the gun's limits ${limits.depthMinUm / 1000}-${limits.depthMaxUm / 1000} mm` };
  for (const f of ['entryPct', 'dwellPct', 'exitPct'] as const)
    if (!intIn(p[f], 0, 100)) return { field: f, message: `${f} ${p[f]} must be a whole percentage 0-100` };
  if (p.entryPct + p.dwellPct + p.exitPct !== 100)
    return { field: 'dwellPct', message: `entry/dwell/exit split sums to ${p.entryPct + p.dwellPct + p.exitPct} %, must be 100 %` };
  if (!(p.mode in DOSE_MODES)) return { field: 'mode', message: `unknown mode ${String(p.mode)}` };
  if (!intIn(p.minIntervalMs, limits.minIntervalMs, 60_000))
    return { field: 'minIntervalMs', message: `minimum interval ${p.minIntervalMs} ms is below the gun's ${limits.minIntervalMs} ms (${limits.maxShotsPerS} shots/s)` };
  return null;
}

export function profileToWire(p: DoseProfile): Omit<MessageOf<'SET_PROFILE'>, 'type'> {
  return { ...p, mode: DOSE_MODES[p.mode] };
}

export function profileFromWire(m: Omit<MessageOf<'SET_PROFILE'>, 'type'>): DoseProfile | null {
  const mode = doseModeName(m.mode);
  if (!mode) return null;
  return { doseNl: m.doseNl, entryPct: m.entryPct, dwellPct: m.dwellPct, exitPct: m.exitPct, depthUm: m.depthUm, mode, minIntervalMs: m.minIntervalMs };
}

export function sameProfile(a: DoseProfile, b: DoseProfile): boolean {
  return (Object.keys(a) as (keyof DoseProfile)[]).every((k) => a[k] === b[k]);
}

export type DoseRecordFields = Omit<MessageOf<'DOSE_RECORD'>, 'type' | 'recordMac'>;

const MAC_BYTES = 32;

/** The record's fields in wire order, without the MAC: what the MAC and the CRC cover. */
export function doseRecordBody(r: DoseRecordFields): Uint8Array {
  const payload = encodePayload({ type: 'DOSE_RECORD', ...r, recordMac: new Uint8Array(MAC_BYTES) });
  return payload.subarray(0, payload.length - MAC_BYTES);
}

/**
 * The gun's MAC over one record (id, volumes, depth, split, mode, times, fault), under the record key
 * (auth.ts, recordKey). Kept with the record in the ledger, so it can be re-verified at any time.
 */
export function doseRecordMac(recordKey: Uint8Array, r: DoseRecordFields | Uint8Array): Uint8Array {
  const body = r instanceof Uint8Array ? r : doseRecordBody(r);
  return hmac(sha256, recordKey, concatBytes(RECORD_LABEL, body));
}

const RECORD_LABEL = utf8('meso-link v3 dose record');

/** `r`: the fields, or their body as doseRecordBody gives it (to encode once for the MAC and the CRC). */
export function doseRecordMacValid(recordKey: Uint8Array, r: DoseRecordFields | Uint8Array, mac: Uint8Array): boolean {
  return sameBytes(doseRecordMac(recordKey, r), mac);
}

/** A CRC-32 of the record's fields: the ledger row's own check against storage damage (no security). */
export function doseRecordCrc(r: DoseRecordFields | Uint8Array): number {
  return crc32(r instanceof Uint8Array ? r : doseRecordBody(r));
}
