// A target volume for every zone, typed in µL (0 spares a zone): the same fields in preparation and in
// the patient's plan, read back the same way (a text that is not a volume is refused, naming the
// zone's field).
import type { ReactNode } from 'react';
import type { Zone } from '../../electron/contract/sessions.js';
import { ZONES } from '../format.js';
import { Field, UnitInput, type Quantity } from '../kit/index.js';
import type { ReadOptions } from '../kit/quantities.js';

export type TargetTexts = Record<Zone, string>;

type Text = (q: Quantity, value: number) => string;
type Read = (q: Quantity, text: string, opts: ReadOptions) => number | null;

/** The field of one zone's target, as the contract names it. */
const fieldOf = (zone: Zone) => `zoneTargetsNl.${zone}`;
/** "2. Mid-scalp (µL)": the zone's key on the map, its name, the unit. */
const labelOf = (i: number, label: string) => `${i + 1}. ${label} (µL)`;

export function targetTexts(nl: (zone: Zone) => number, text: Text): TargetTexts {
  return Object.fromEntries(ZONES.map((z) => [z.id, text('volume', nl(z.id))])) as TargetTexts;
}

/** Every zone's target in nL; throws a FieldRefusal naming the first that is not a volume. */
export function readTargets(t: TargetTexts, read: Read): Record<Zone, number> {
  return Object.fromEntries(ZONES.map((z, i) => [z.id, read('volume', t[z.id], { field: fieldOf(z.id), label: labelOf(i, z.label) })])) as Record<Zone, number>;
}

export function ZoneTargetFields({ targets, onChange, below }: { targets: TargetTexts; onChange: (t: TargetTexts) => void; below?: (zone: Zone) => ReactNode }) {
  return (
    <div className="grid4">
      {ZONES.map((z, i) => (
        <div key={z.id} className="stack tight">
          <Field label={labelOf(i, z.label)} field={fieldOf(z.id)}>
            <UnitInput quantity="volume" name={`target-${z.id}`} text={targets[z.id]} onText={(t) => onChange({ ...targets, [z.id]: t })} />
          </Field>
          {below?.(z.id)}
        </div>
      ))}
    </div>
  );
}
