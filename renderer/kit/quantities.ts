// Figures people type, read through the one units module: volumes in µL (stored in nL), depths in mm
// (stored in µm), durations in minutes, and whole numbers (%, ms, days). What cannot be read is
// refused, naming the field and saying what was typed, in the window's language (the catalogue's
// quantity.* words): never guessed, never dropped, never sent on as NaN for the core to find.
import { decimalMark, depthFieldText, minutesFieldText, parseDepthMm, parseMinutes, parseVolumeUl, parseWholeNumber, volumeFieldText } from '../../electron/contract/units.js';
import { FieldRefusal } from '../api/failure.js';
import type { Translate } from '../i18n/I18n.js';
import type { UiMessageId } from '../i18n/messages/index.js';

export type Quantity = 'volume' | 'depth' | 'minutes' | 'whole';

interface Reading {
  /** The stored figure (nL, µm, minutes, the number) from typed text; null when it cannot be read. */
  parse: (text: string, locale: string) => number | null;
  /** The text a field starts with for a stored figure, in the locale's marks (what parse reads back). */
  text: (value: number, locale: string) => string;
  /** Why a text cannot be read (its parameters: the field's label, the text, the locale's decimal mark). */
  unreadable: UiMessageId;
  /** The keyboard a touch screen offers. */
  inputMode: 'decimal' | 'numeric';
}

type LocaleOptions = { locale: string };

/** A figure with a fraction, read and written with the locale's decimal mark by the units module. */
function decimal(parse: (text: string, o: LocaleOptions) => number | null, text: (value: number, o: LocaleOptions) => string, unreadable: UiMessageId): Reading {
  return { parse: (t, locale) => parse(t, { locale }), text: (v, locale) => text(v, { locale }), unreadable, inputMode: 'decimal' };
}

const READINGS: Record<Quantity, Reading> = {
  volume: decimal(parseVolumeUl, volumeFieldText, 'quantity.notVolume'),
  depth: decimal(parseDepthMm, depthFieldText, 'quantity.notDepth'),
  minutes: decimal(parseMinutes, minutesFieldText, 'quantity.notMinutes'),
  whole: {
    parse: (t) => parseWholeNumber(t),
    text: (v) => String(v),
    unreadable: 'quantity.notWhole',
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

/** Why a text cannot be read, in the window's language: the field, the text, an example in the locale's mark. */
export function unreadableText(q: Quantity, label: string, text: string, locale: string, t: Translate): string {
  return t(READINGS[q].unreadable, { label, text, mark: decimalMark(locale) });
}

export function emptyText(label: string, t: Translate): string {
  return t('quantity.empty', { label });
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
export function readQuantity(q: Quantity, text: string, locale: string, opts: ReadOptions & { optional: true }, t: Translate): number | null;
export function readQuantity(q: Quantity, text: string, locale: string, opts: ReadOptions, t: Translate): number;
export function readQuantity(q: Quantity, text: string, locale: string, opts: ReadOptions, t: Translate): number | null {
  if (text.trim() === '') {
    if (opts.optional) return null;
    throw new FieldRefusal(opts.field, emptyText(opts.label, t));
  }
  const v = parseQuantity(q, text, locale);
  if (v === null) throw new FieldRefusal(opts.field, unreadableText(q, opts.label, text.trim(), locale, t));
  return v;
}
