// A target volume for every zone, typed in µL (0 spares a zone): the same fields in preparation and in
// the patient's plan, read back the same way (a text that is not a volume is refused, naming the
// zone's field in the window's language).
import { useCallback, type ReactNode } from 'react';
import { ZONES, type Zone } from '../../electron/contract/sessions.js';
import { useT } from '../i18n/I18n.js';
import { useFormat } from '../i18n/useFormat.js';
import { Field, UnitInput, type Quantity } from '../kit/index.js';
import type { ReadOptions } from '../kit/quantities.js';

export type TargetTexts = Record<Zone, string>;

type Text = (q: Quantity, value: number) => string;
type Read = (q: Quantity, text: string, opts: ReadOptions) => number | null;
/** A zone's field label: "2. Mid-scalp (µL)", its key on the map, its name, the unit. */
export type TargetLabel = (zone: Zone) => string;

/** The field of one zone's target, as the contract names it. */
const fieldOf = (zone: Zone) => `zoneTargetsNl.${zone}`;
const keyOf = (zone: Zone) => ZONES.indexOf(zone) + 1;

/** The zones' field labels in the window's language. */
export function useTargetLabel(): TargetLabel {
  const t = useT();
  const f = useFormat();
  return useCallback((zone: Zone) => t('prep.targetLabel', { key: keyOf(zone), zone: f.zone(zone) }), [t, f]);
}

export function targetTexts(nl: (zone: Zone) => number, text: Text): TargetTexts {
  return Object.fromEntries(ZONES.map((z) => [z, text('volume', nl(z))])) as TargetTexts;
}

/** Every zone's target in nL; throws a FieldRefusal naming the first that is not a volume. */
export function readTargets(t: TargetTexts, read: Read, label: TargetLabel): Record<Zone, number> {
  return Object.fromEntries(ZONES.map((z) => [z, read('volume', t[z], { field: fieldOf(z), label: label(z) })])) as Record<Zone, number>;
}

export function ZoneTargetFields({ targets, onChange, below }: { targets: TargetTexts; onChange: (t: TargetTexts) => void; below?: (zone: Zone) => ReactNode }) {
  const label = useTargetLabel();
  return (
    <div className="grid4">
      {ZONES.map((z) => (
        <div key={z} className="stack tight">
          <Field label={label(z)} field={fieldOf(z)}>
            <UnitInput quantity="volume" name={`target-${z}`} text={targets[z]} onText={(text) => onChange({ ...targets, [z]: text })} />
          </Field>
          {below?.(z)}
        </div>
      ))}
    </div>
  );
}
