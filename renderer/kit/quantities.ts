// Figures people type, read through the one units module: volumes in µL (stored in nL), depths in mm
// (stored in µm), durations in minutes, and whole numbers (%, ms, days). What cannot be read is
// refused, naming the field and saying what was typed: never guessed, never dropped, never sent on as
// NaN for the core to find.
import { decimalMark, depthFieldText, minutesFieldText, parseDepthMm, parseMinutes, parseVolumeUl, parseWholeNumber, volumeFieldText } from '../../electron/contract/units.js';
import { FieldRefusal } from '../api/failure.js';

export type Quantity = 'volume' | 'depth' | 'minutes' | 'whole';

interface Reading {
  /** The stored figure (nL, µm, minutes, the number) from typed text; null when it cannot be read. */
  parse: (text: string, locale: string) => number | null;
  /** The text a field starts with for a stored figure, in the locale's marks (what parse reads back). */
  text: (value: number, locale: string) => string;
  /** Why a text cannot be read: the field, the text, and an example in the locale's mark. */
  unreadable: (label: string, text: string, mark: string) => string;
  /** The keyboard a touch screen offers. */
  inputMode: 'decimal' | 'numeric';
}

const READINGS: Record<Quantity, Reading> = {
  volume: {
    parse: (t, locale) => parseVolumeUl(t, { locale }),
    text: (v, locale) => volumeFieldText(v, { locale }),
    unreadable: (label, text, m) => `${label}: "${text}" is not a volume in µL. Type a number such as 20 or 20${m}5.`,
    inputMode: 'decimal',
  },
  depth: {
    parse: (t, locale) => parseDepthMm(t, { locale }),
    text: (v, locale) => depthFieldText(v, { locale }),
    unreadable: (label, text, m) => `${label}: "${text}" is not a depth in mm. Type a number such as 2 or 1${m}25.`,
    inputMode: 'decimal',
  },
  minutes: {
    parse: (t, locale) => parseMinutes(t, { locale }),
    text: (v, locale) => minutesFieldText(v, { locale }),
    unreadable: (label, text, m) => `${label}: "${text}" is not a number of minutes. Type a number such as 5 or 0${m}5.`,
    inputMode: 'decimal',
  },
  whole: {
    parse: (t) => parseWholeNumber(t),
    text: (v) => String(v),
    unreadable: (label, text) => `${label}: "${text}" is not a whole number. Type digits only, such as 100.`,
    inputMode: 'numeric',
  },
};

export function inputModeOf(q: Quantity): 'decimal' | 'numeric' {
  return READINGS[q].inputMode;
}

export function parseQuantity(q: Quantity, text: string, locale: string): number | null {
  return READINGS[q].parse(text, locale);
}

export function quantityText(q: Quantity, value: number, locale: string): string {
  return READINGS[q].text(value, locale);
}

export function unreadableText(q: Quantity, label: string, text: string, locale: string): string {
  return READINGS[q].unreadable(label, text, decimalMark(locale));
}

export function emptyText(label: string): string {
  return `${label}: enter a value.`;
}

export interface ReadOptions {
  /** The input as the contract names it ('dose.hardMinNl'): the Field of that name shows the refusal. */
  field: string;
  /** The field's label, as the screen shows it: the refusal names it in these words. */
  label: string;
  /** An empty field means "none" (null) instead of being refused. */
  optional?: boolean;
}

/**
 * Reads a field's text or throws a FieldRefusal naming it (useAction's run shows it, on the field).
 * Call inside `run(...)` so that the refusal reaches the screen.
 */
export function readQuantity(q: Quantity, text: string, locale: string, opts: ReadOptions & { optional: true }): number | null;
export function readQuantity(q: Quantity, text: string, locale: string, opts: ReadOptions): number;
export function readQuantity(q: Quantity, text: string, locale: string, opts: ReadOptions): number | null {
  if (text.trim() === '') {
    if (opts.optional) return null;
    throw new FieldRefusal(opts.field, emptyText(opts.label));
  }
  const v = parseQuantity(q, text, locale);
  if (v === null) throw new FieldRefusal(opts.field, unreadableText(q, opts.label, text.trim(), locale));
  return v;
}
