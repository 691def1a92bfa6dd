// A serum as its editor holds it: every figure as typed text, keyed by the contract's own name for it
// ('dose.hardMinNl'), so a refusal from the core lands on the field it names. One table of figures
// drives the fields, the text they start with, and the reading back (which refuses, naming the field).
import type { InjectionMode, SerumContraindication, SerumDefinition } from '../../../electron/contract/serum.js';
import type { Quantity, ReadOptions } from '../../kit/quantities.js';

interface Figure {
  quantity: Quantity;
  /** The field's label on screen (inside its group) and the words a refusal names it by. */
  label: string;
  name: string;
  /** Empty means "none" (no maximum). */
  optional?: boolean;
  /** A new serum's starting figure, in stored units (nL, µm, %, days). */
  start: number | null;
}

/** Limit groups of four (hard and soft, min and max) and of two (maxima), in the order of the screen. */
export const LIMIT_GROUPS = [
  { key: 'dose', legend: 'Dose per shot (µL)', bounds: ['hardMinNl', 'softMinNl', 'softMaxNl', 'hardMaxNl'] },
  { key: 'depth', legend: 'Depth (mm)', bounds: ['hardMinUm', 'softMinUm', 'softMaxUm', 'hardMaxUm'] },
  { key: 'zoneVolume', legend: 'Volume per zone (µL)', bounds: ['softMaxNl', 'hardMaxNl'] },
  { key: 'sessionVolume', legend: 'Volume per session (µL)', bounds: ['softMaxNl', 'hardMaxNl'] },
] as const;

const BOUND_WORDS = { hardMin: 'Hard min', softMin: 'Soft min', softMax: 'Soft max', hardMax: 'Hard max' } as const;
const boundWords = (b: string) => BOUND_WORDS[b.replace(/(Nl|Um)$/, '') as keyof typeof BOUND_WORDS];

const limit = (group: string, bound: string, start: number): [string, Figure] => [
  `${group}.${bound}`,
  { quantity: bound.endsWith('Um') ? 'depth' : 'volume', label: boundWords(bound), name: `${group}-${bound}`, start },
];

export const FIGURES: Record<string, Figure> = Object.fromEntries([
  limit('dose', 'hardMinNl', 5_000),
  limit('dose', 'softMinNl', 10_000),
  limit('dose', 'softMaxNl', 50_000),
  limit('dose', 'hardMaxNl', 100_000),
  limit('depth', 'hardMinUm', 500),
  limit('depth', 'softMinUm', 1_000),
  limit('depth', 'softMaxUm', 4_000),
  limit('depth', 'hardMaxUm', 6_000),
  limit('zoneVolume', 'softMaxNl', 800_000),
  limit('zoneVolume', 'hardMaxNl', 1_500_000),
  limit('sessionVolume', 'softMaxNl', 4_000_000),
  limit('sessionVolume', 'hardMaxNl', 8_000_000),
  ['minDaysBetweenSessions', { quantity: 'whole', label: 'Min. days between sessions', name: 'minDays', start: 5 }],
  ['maxDaysBetweenSessions', { quantity: 'whole', label: 'Max. days between sessions', name: 'maxDays', optional: true, start: null }],
  ['defaultProfile.doseNl', { quantity: 'volume', label: 'Dose (µL)', name: 'profileDose', start: 20_000 }],
  ['defaultProfile.depthUm', { quantity: 'depth', label: 'Depth (mm)', name: 'profileDepth', start: 2_000 }],
  ['defaultProfile.entryPct', { quantity: 'whole', label: 'Entry %', name: 'profileEntry', start: 0 }],
  ['defaultProfile.dwellPct', { quantity: 'whole', label: 'Dwell %', name: 'profileDwell', start: 100 }],
  ['defaultProfile.exitPct', { quantity: 'whole', label: 'Exit %', name: 'profileExit', start: 0 }],
]);

/** The words a refusal names a figure by: its group's legend and its label ("Dose per shot (µL), Hard min"). */
export function figureLabel(path: string): string {
  const group = LIMIT_GROUPS.find((g) => path.startsWith(`${g.key}.`));
  const f = FIGURES[path]!;
  return group ? `${group.legend}, ${f.label}` : f.label;
}

export interface Draft {
  name: string;
  components: string;
  allergens: string;
  notes: string;
  modes: InjectionMode[];
  contraindications: SerumContraindication[];
  mode: InjectionMode;
  /** Each figure's text, by its contract path. */
  figures: Record<string, string>;
}

/** Reads a path of the definition ('dose.hardMinNl'). */
function at(v: SerumDefinition, path: string): number | null {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], v) as number | null;
}

type Text = (q: Quantity, value: number) => string;
type Read = (q: Quantity, text: string, opts: ReadOptions) => number | null;

export function toDraft(v: SerumDefinition | null, text: Text): Draft {
  const figures = Object.fromEntries(
    Object.entries(FIGURES).map(([path, f]) => {
      const value = v ? at(v, path) : f.start;
      return [path, value === null ? '' : text(f.quantity, value)];
    }),
  );
  if (!v) return { name: '', components: '', allergens: '', notes: '', modes: ['papule', 'nappage'], contraindications: [], mode: 'papule', figures };
  return {
    name: v.name,
    components: v.components.join(', '),
    allergens: v.allergens.join(', '),
    notes: v.notes,
    modes: v.allowedModes,
    contraindications: v.contraindications,
    mode: v.defaultProfile.mode,
    figures,
  };
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** The definition to send; throws a FieldRefusal naming the first figure that cannot be read. */
export function fromDraft(d: Draft, read: Read): SerumDefinition {
  const n = (path: string) => {
    const f = FIGURES[path]!;
    return read(f.quantity, d.figures[path] ?? '', { field: path, label: figureLabel(path), optional: f.optional });
  };
  const need = (path: string) => n(path) as number;
  return {
    name: d.name,
    components: list(d.components),
    allergens: list(d.allergens),
    contraindications: d.contraindications,
    notes: d.notes,
    dose: { hardMinNl: need('dose.hardMinNl'), softMinNl: need('dose.softMinNl'), softMaxNl: need('dose.softMaxNl'), hardMaxNl: need('dose.hardMaxNl') },
    depth: { hardMinUm: need('depth.hardMinUm'), softMinUm: need('depth.softMinUm'), softMaxUm: need('depth.softMaxUm'), hardMaxUm: need('depth.hardMaxUm') },
    zoneVolume: { softMaxNl: need('zoneVolume.softMaxNl'), hardMaxNl: need('zoneVolume.hardMaxNl') },
    sessionVolume: { softMaxNl: need('sessionVolume.softMaxNl'), hardMaxNl: need('sessionVolume.hardMaxNl') },
    allowedModes: d.modes,
    minDaysBetweenSessions: need('minDaysBetweenSessions'),
    maxDaysBetweenSessions: n('maxDaysBetweenSessions'),
    defaultProfile: {
      doseNl: need('defaultProfile.doseNl'),
      depthUm: need('defaultProfile.depthUm'),
      entryPct: need('defaultProfile.entryPct'),
      dwellPct: need('defaultProfile.dwellPct'),
      exitPct: need('defaultProfile.exitPct'),
      mode: d.mode,
    },
  };
}
