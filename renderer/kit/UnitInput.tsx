// A figure typed in µL, mm, minutes or a whole number, in the window's decimal mark. It keeps what was
// typed (so nothing is rounded or dropped under the user's fingers); on leaving the field it says at
// once when the text cannot be read, naming the field. The form reads the text with readQuantity
// (quantities.ts), which refuses the same way: an unreadable figure never reaches the core as NaN.
import { useMemo, type InputHTMLAttributes } from 'react';
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
        const t = e.target.value.trim();
        if (slot && t !== '' && parseQuantity(quantity, t, locale) === null) slot.report(unreadableText(quantity, slot.label, t, locale));
        onBlur?.(e);
      }}
    />
  );
}

/** readQuantity and quantityText in this window's locale. */
export function useQuantities() {
  const locale = useLocale();
  return useMemo(
    () => ({
      read: ((q: Quantity, text: string, opts: ReadOptions) => readQuantity(q, text, locale, opts)) as {
        (q: Quantity, text: string, opts: ReadOptions & { optional: true }): number | null;
        (q: Quantity, text: string, opts: ReadOptions): number;
      },
      text: (q: Quantity, value: number) => quantityText(q, value, locale),
    }),
    [locale],
  );
}
