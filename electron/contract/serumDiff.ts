// What changes between two definitions of a serum (a published version and a draft, or two versions):
// the limits, the allergens, the contraindications, the default profile and the rest, field by field.
// Pure, so the core (serum.diff, a draft's changes) and the renderer compute the same thing.
import type { SerumDefinition } from './serum.js';

export type SerumChangeGroup = 'identity' | 'limits' | 'allergens' | 'contraindications' | 'defaultProfile' | 'schedule';

/** A field that holds one value (numbers in nL, um, %, days; text). */
export const SERUM_VALUE_FIELDS = [
  ['name', 'identity'],
  ['notes', 'identity'],
  ['dose.hardMinNl', 'limits'],
  ['dose.softMinNl', 'limits'],
  ['dose.softMaxNl', 'limits'],
  ['dose.hardMaxNl', 'limits'],
  ['depth.hardMinUm', 'limits'],
  ['depth.softMinUm', 'limits'],
  ['depth.softMaxUm', 'limits'],
  ['depth.hardMaxUm', 'limits'],
  ['zoneVolume.softMaxNl', 'limits'],
  ['zoneVolume.hardMaxNl', 'limits'],
  ['sessionVolume.softMaxNl', 'limits'],
  ['sessionVolume.hardMaxNl', 'limits'],
  ['defaultProfile.doseNl', 'defaultProfile'],
  ['defaultProfile.entryPct', 'defaultProfile'],
  ['defaultProfile.dwellPct', 'defaultProfile'],
  ['defaultProfile.exitPct', 'defaultProfile'],
  ['defaultProfile.depthUm', 'defaultProfile'],
  ['defaultProfile.mode', 'defaultProfile'],
  ['minDaysBetweenSessions', 'schedule'],
  ['maxDaysBetweenSessions', 'schedule'],
] as const satisfies readonly (readonly [string, SerumChangeGroup])[];

/** A field that holds a set of names: what was added and what was removed. */
export const SERUM_SET_FIELDS = [
  ['components', 'identity'],
  ['allowedModes', 'limits'],
  ['allergens', 'allergens'],
  ['contraindications', 'contraindications'],
] as const satisfies readonly (readonly [string, SerumChangeGroup])[];

export type SerumValueField = (typeof SERUM_VALUE_FIELDS)[number][0];
export type SerumSetField = (typeof SERUM_SET_FIELDS)[number][0];

export type SerumChange =
  | { field: SerumValueField; group: SerumChangeGroup; kind: 'value'; before: string | number | null; after: string | number | null }
  | { field: SerumSetField; group: SerumChangeGroup; kind: 'set'; added: string[]; removed: string[] };

function valueAt(d: SerumDefinition, path: string): string | number | null {
  let v: unknown = d;
  for (const part of path.split('.')) v = v === null || v === undefined ? undefined : (v as Record<string, unknown>)[part];
  return typeof v === 'string' || typeof v === 'number' ? v : null;
}

/**
 * The changes from `before` to `after`, in a fixed order (identity, limits, allergens,
 * contraindications, default profile, schedule as listed above). `before` null: a new serum, so every
 * field that has a value is a change.
 */
export function diffSerums(before: SerumDefinition | null, after: SerumDefinition): SerumChange[] {
  const out: SerumChange[] = [];
  for (const [field, group] of SERUM_VALUE_FIELDS) {
    const a = before ? valueAt(before, field) : null;
    const b = valueAt(after, field);
    if (a !== b && !(before === null && b === null)) out.push({ field, group, kind: 'value', before: a, after: b });
  }
  for (const [field, group] of SERUM_SET_FIELDS) {
    const a: readonly string[] = before ? (before[field] ?? []) : [];
    const b: readonly string[] = after[field] ?? [];
    const added = b.filter((x) => !a.includes(x));
    const removed = a.filter((x) => !b.includes(x));
    if (added.length > 0 || removed.length > 0) out.push({ field, group, kind: 'set', added, removed });
  }
  const order: SerumChangeGroup[] = ['identity', 'limits', 'allergens', 'contraindications', 'defaultProfile', 'schedule'];
  return out.sort((x, y) => order.indexOf(x.group) - order.indexOf(y.group));
}
