// A figure typed in µL, mm, minutes or a whole number, in the window's decimal mark. It keeps what was
// typed (so nothing is rounded or dropped under the user's fingers); on leaving the field it says at
// once when the text cannot be read, naming the field, in the window's language. The form reads the text with readQuantity
// (quantities.ts), which refuses the same way: an unreadable figure never reaches the core as NaN.
import { useMemo, type InputHTMLAttributes } from 'react';
import { useT } from '../i18n/I18n.js';
import { useFieldSlot } from './Field.js';
import { useLocale } from './locale.js';
import { inputModeOf, parseQuantity, quantityText, readQuantity, unreadableText, type Quantity, type ReadOptions } from './quantities.js';

export interface UnitInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'type' | 'inputMode'> {
  quantity: Quantity;
  /** What is typed, as typed. */
  text: string;
  onText: (text: string) => void;
}

export function UnitInput({ quantity, text, onText, onChange, onBlur, ...input }: UnitInputProps) {
  const locale = useLocale();
  const t = useT();
  const slot = useFieldSlot();
  return (
    <input
      autoComplete="off"
      {...input}
      type="text"
      inputMode={inputModeOf(quantity)}
      value={text}
      onChange={(e) => {
        slot?.report(null);
        onChange?.(e);
        onText(e.target.value);
      }}
      onBlur={(e) => {
        const typed = e.target.value.trim();
        if (slot && typed !== '' && parseQuantity(quantity, typed, locale) === null) slot.report(unreadableText(quantity, slot.label, typed, locale, t));
        onBlur?.(e);
      }}
    />
  );
}

/** readQuantity and quantityText in this window's locale, refusing in its language. */
export function useQuantities() {
  const locale = useLocale();
  const t = useT();
  return useMemo(
    () => ({
      read: ((q: Quantity, text: string, opts: ReadOptions) => readQuantity(q, text, locale, opts, t)) as {
        (q: Quantity, text: string, opts: ReadOptions & { optional: true }): number | null;
        (q: Quantity, text: string, opts: ReadOptions): number;
      },
      text: (q: Quantity, value: number) => quantityText(q, value, locale),
    }),
    [locale, t],
  );
}
