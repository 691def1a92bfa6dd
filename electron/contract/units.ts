// The station's one units module: how volumes and depths are stored, compared and shown.
//
// - Stored and compared: volumes in whole nanolitres (nL), depths in whole micrometres (um). Limits
//   are compared on these integers only, never on floats or on shown text (requireWhole guards it).
// - Shown: volumes in microlitres, "1,499.6 µL", with exactly one decimal, everywhere: the screens,
//   the core's messages, the PDF report and the exports' human-facing text. One unit side by side:
//   the reservoir is shown in µL too (not mL), so a clinician comparing what is left with a session
//   maximum never has to shift a decimal point by three places (the classic 1000x unit error).
//   Depths in millimetres with at least one decimal and as many more as the value holds ("2.0 mm",
//   "1.25 mm"): depths are set in whole um and a shown depth must be the one the gun was given.
// - Rounding to 0.1 µL is half away from zero, done on the integer nL (no float drift): 1,499,600 nL
//   reads 1,499.6 µL, never 1,500; 0.1 µL (100 nL) is the display resolution, 20x finer than the
//   syringe's +/-10 % of one 20 µL shot. Where a refusal explains why a typed value is outside a
//   limit, `exact` shows every nL (80.001 µL against a limit of 80.0 µL).
// - Numbers go through Intl.NumberFormat with a locale (default 'en'), so the decimal and grouping
//   marks follow the user's language when the station gains one ("1.499,6 µL" in Turkish).
// Pure TypeScript: the core, the contract and the renderer all import it.

export const NL_PER_UL = 1000;
export const UM_PER_MM = 1000;
/** MICRO SIGN, as printed on syringes and in the gun's manual; never the ASCII "uL". */
export const VOLUME_UNIT = 'µL';
export const DEPTH_UNIT = 'mm';
export const DEFAULT_LOCALE = 'en';
/** Between a figure and its unit: a no-break space, so "1,499.6 µL" never wraps apart. */
const UNIT_SPACE = '\u00a0';

export interface FormatOptions {
  /** A BCP 47 tag ('en', 'tr', 'es'); default 'en'. */
  locale?: string;
}

export interface VolumeFormatOptions extends FormatOptions {
  /** Every nL (up to three decimals) instead of the one-decimal display figure. */
  exact?: boolean;
}

const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, minFraction: number, maxFraction: number): Intl.NumberFormat {
  const key = `${locale}|${minFraction}|${maxFraction}`;
  let f = formatters.get(key);
  if (!f) {
    // 'auto': each language's own grouping rule. Spanish leaves four-digit figures ungrouped
    // ("1499,6"; "21.499,6"), as RAE and Spanish clinical documents write them; Turkish groups them.
    f = new Intl.NumberFormat(locale, { minimumFractionDigits: minFraction, maximumFractionDigits: maxFraction, useGrouping: 'auto' });
    formatters.set(key, f);
  }
  return f;
}

function finite(n: number, what: string): number {
  if (typeof n !== 'number' || !Number.isFinite(n)) throw new RangeError(`${what} must be a finite number, not ${String(n)}`);
  return n;
}

/** Whole tenths of a µL, rounded half away from zero on the nL figure itself. */
function tenthsOfUl(nl: number): number {
  const a = Math.abs(nl);
  const t = Math.floor((a + 50) / 100);
  return nl < 0 ? -t : t;
}

/** "1,499.6": a volume's figure in µL, for a column whose header names the unit. */
export function formatVolumeFigure(nl: number, opts: VolumeFormatOptions = {}): string {
  finite(nl, 'a volume');
  const locale = opts.locale ?? DEFAULT_LOCALE;
  if (opts.exact) return numberFormat(locale, 1, 3).format(Math.round(nl) / NL_PER_UL);
  return numberFormat(locale, 1, 1).format(tenthsOfUl(nl) / 10);
}

/** "1,499.6 µL" from 1_499_600 nL. */
export function formatVolume(nl: number, opts: VolumeFormatOptions = {}): string {
  return `${formatVolumeFigure(nl, opts)}${UNIT_SPACE}${VOLUME_UNIT}`;
}

/** "2.0": a depth's figure in mm (every um it holds, at least one decimal). */
export function formatDepthFigure(um: number, opts: FormatOptions = {}): string {
  finite(um, 'a depth');
  return numberFormat(opts.locale ?? DEFAULT_LOCALE, 1, 3).format(Math.round(um) / UM_PER_MM);
}

/** "2.0 mm" from 2_000 um. */
export function formatDepth(um: number, opts: FormatOptions = {}): string {
  return `${formatDepthFigure(um, opts)}${UNIT_SPACE}${DEPTH_UNIT}`;
}

// ---- editable fields: people type µL and mm; the contract takes whole nL and um ----

/**
 * The text an edit field starts with: exact, no grouping, the locale's decimal mark ("1499.6", "20",
 * "0.005"; "1499,6" in Turkish), so that what a field shows is what it reads back.
 */
export function volumeFieldText(nl: number, opts: FormatOptions = {}): string {
  return fieldText(Math.round(finite(nl, 'a volume')) / NL_PER_UL, opts);
}

export function depthFieldText(um: number, opts: FormatOptions = {}): string {
  return fieldText(Math.round(finite(um, 'a depth')) / UM_PER_MM, opts);
}

/** A duration in minutes as an edit field shows it ("5", "0.5"). */
export function minutesFieldText(minutes: number, opts: FormatOptions = {}): string {
  return fieldText(Math.round(finite(minutes, 'a duration') * 1000) / 1000, opts);
}

/** Thousandths at most (every figure above is): String() never writes an exponent for them. */
function fieldText(n: number, opts: FormatOptions): string {
  return String(n).replace('.', decimalMark(opts.locale ?? DEFAULT_LOCALE));
}

/** The locale's decimal mark ("." in English, "," in Turkish). */
export function decimalMark(locale: string = DEFAULT_LOCALE): string {
  return numberFormat(locale, 1, 1).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/**
 * A decimal typed in a unit a thousand times the stored one (µL -> nL, mm -> um), exactly, by its
 * digits (no float): null when it is not a non-negative number with at most three decimals, so the
 * caller can refuse it and name the field. The locale's decimal mark only, and no grouping marks:
 * "1,500" means 1.5 in Turkish and 1500 in English, so in either it is refused, never guessed.
 */
function parseThousandths(text: string, locale: string): number | null {
  const t = text.trim();
  const mark = decimalMark(locale);
  const at = t.indexOf(mark);
  const whole = at < 0 ? t : t.slice(0, at);
  const frac = at < 0 ? '' : t.slice(at + mark.length);
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(frac)) return null;
  if (whole === '' && frac === '') return null;
  if (frac.length > 3) return null;
  const n = Number(whole || '0') * 1000 + Number(frac.padEnd(3, '0'));
  return Number.isSafeInteger(n) ? n : null;
}

/** "1499.6" typed in µL -> 1_499_600 nL; null when it does not parse. */
export function parseVolumeUl(text: string, opts: FormatOptions = {}): number | null {
  return parseThousandths(text, opts.locale ?? DEFAULT_LOCALE);
}

/** "1.25" typed in mm -> 1_250 um; null when it does not parse. */
export function parseDepthMm(text: string, opts: FormatOptions = {}): number | null {
  return parseThousandths(text, opts.locale ?? DEFAULT_LOCALE);
}

/** "0.5" typed in minutes -> 0.5 (to the thousandth of a minute); null when it does not parse. */
export function parseMinutes(text: string, opts: FormatOptions = {}): number | null {
  const t = parseThousandths(text, opts.locale ?? DEFAULT_LOCALE);
  return t === null ? null : t / 1000;
}

/** A whole number typed without any mark ("100", "500"): a percentage, milliseconds, days. Null otherwise. */
export function parseWholeNumber(text: string): number | null {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : null;
}

// ---- text written before this module, or by the gun ----

/** "60 uL", "98.593 uL", "5-200 uL": the ASCII wording of the gun's messages and of older records. */
const ASCII_VOLUMES = /(\d+(?:\.\d+)?)(?:\s?-\s?(\d+(?:\.\d+)?))?\s?uL\b/g;

/**
 * Rewrites volumes written as "N uL" (the gun's own messages, which device/ words without this
 * module, and limit details stored before it existed) the way this module shows volumes. Text that
 * already says µL is left as it is.
 */
export function rewordVolumes(text: string, opts: FormatOptions = {}): string {
  const one = (n: string) => {
    const nl = parseVolumeUl(n);
    return nl === null ? n : formatVolumeFigure(nl, opts);
  };
  return text.replace(ASCII_VOLUMES, (_m, a: string, b: string | undefined) => `${one(a)}${b === undefined ? '' : `-${one(b)}`}${UNIT_SPACE}${VOLUME_UNIT}`);
}

// ---- the comparison rule ----

/**
 * Limits are compared on whole nL (and depths on whole um). Every figure that reaches a limit check
 * passes through here: a fraction or NaN is a fault upstream, and a check that cannot trust its
 * inputs must fail closed (its callers turn the throw into a stop), never compare floats.
 */
export function requireWhole(n: number, what: string): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a whole number (nL or um), not ${String(n)}`);
  return n;
}
