// A serum as its editor holds it: every figure as typed text, keyed by the contract's own name for it
// ('dose.hardMinNl'), so a refusal from the core lands on the field it names. One table of figures
// drives the fields, the text they start with, and the reading back (which refuses, naming the field).
import type { InjectionMode, SerumContraindication, SerumDefinition } from '../../../electron/contract/serum.js';
import type { Translate } from '../../i18n/I18n.js';
import type { UiMessageId } from '../../i18n/messages/index.js';
import type { Quantity, ReadOptions } from '../../kit/quantities.js';

interface Figure {
  quantity: Quantity;
  /** The field's label on screen (inside its group) and the words a refusal names it by. */
  label: UiMessageId;
  name: string;
  /** Empty means "none" (no maximum). */
  optional?: boolean;
  /** A new serum's starting figure, in stored units (nL, µm, %, days). */
  start: number | null;
}

/**
 * Limit groups of four (hard and soft, min and max) and of two (maxima), in the order of the screen,
 * each bound with a new serum's starting figure (nL or µm).
 */
export const LIMIT_GROUPS = [
  { key: 'dose', legend: 'admin.serumEditor.dosePerShot', bounds: { hardMinNl: 5_000, softMinNl: 10_000, softMaxNl: 50_000, hardMaxNl: 100_000 } },
  { key: 'depth', legend: 'admin.serumEditor.depth', bounds: { hardMinUm: 500, softMinUm: 1_000, softMaxUm: 4_000, hardMaxUm: 6_000 } },
  { key: 'zoneVolume', legend: 'admin.serumEditor.zoneVolume', bounds: { softMaxNl: 800_000, hardMaxNl: 1_500_000 } },
  { key: 'sessionVolume', legend: 'admin.serumEditor.sessionVolume', bounds: { softMaxNl: 4_000_000, hardMaxNl: 8_000_000 } },
] as const satisfies readonly { key: string; legend: UiMessageId; bounds: Record<string, number> }[];

const BOUND_WORDS = { hardMin: 'admin.serumEditor.hardMin', softMin: 'admin.serumEditor.softMin', softMax: 'admin.serumEditor.softMax', hardMax: 'admin.serumEditor.hardMax' } as const satisfies Record<string, UiMessageId>;
const boundWords = (b: string) => BOUND_WORDS[b.replace(/(Nl|Um)$/, '') as keyof typeof BOUND_WORDS];

export const FIGURES: Record<string, Figure> = Object.fromEntries([
  ...LIMIT_GROUPS.flatMap((g) =>
    Object.entries(g.bounds).map(([bound, start]): [string, Figure] => [
      `${g.key}.${bound}`,
      { quantity: bound.endsWith('Um') ? 'depth' : 'volume', label: boundWords(bound), name: `${g.key}-${bound}`, start },
    ]),
  ),
  ['minDaysBetweenSessions', { quantity: 'whole', label: 'admin.serumEditor.minDays', name: 'minDays', start: 5 }],
  ['maxDaysBetweenSessions', { quantity: 'whole', label: 'admin.serumEditor.maxDays', name: 'maxDays', optional: true, start: null }],
  ['defaultProfile.doseNl', { quantity: 'volume', label: 'admin.serumEditor.profileDose', name: 'profileDose', start: 20_000 }],
  ['defaultProfile.depthUm', { quantity: 'depth', label: 'admin.serumEditor.depth', name: 'profileDepth', start: 2_000 }],
  ['defaultProfile.entryPct', { quantity: 'whole', label: 'admin.serumEditor.entry', name: 'profileEntry', start: 0 }],
  ['defaultProfile.dwellPct', { quantity: 'whole', label: 'admin.serumEditor.dwell', name: 'profileDwell', start: 100 }],
  ['defaultProfile.exitPct', { quantity: 'whole', label: 'admin.serumEditor.exit', name: 'profileExit', start: 0 }],
]);

/** The words a refusal names a figure by: its group's legend and its label ("Dose per shot (µL), Hard min"). */
export function figureLabel(t: Translate, path: string): string {
  const group = LIMIT_GROUPS.find((g) => path.startsWith(`${g.key}.`));
  const f = FIGURES[path]!;
  return group ? t('admin.serumEditor.inGroup', { group: t(group.legend), figure: t(f.label) }) : t(f.label);
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
export function fromDraft(d: Draft, read: Read, t: Translate): SerumDefinition {
  const n = (path: string) => {
    const f = FIGURES[path]!;
    return read(f.quantity, d.figures[path] ?? '', { field: path, label: figureLabel(t, path), optional: f.optional });
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
