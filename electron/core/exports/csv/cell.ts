// One CSV cell, the way every export writes it. Two rules, both documented in EXPORTS.md:
//
// 1. Formula neutralisation (OWASP "CSV injection"): a TEXT cell whose first character would make a
//    spreadsheet evaluate it (= + - @ TAB CR, and their full-width forms, which some locales of Excel
//    also evaluate) gets one leading apostrophe. A text cell that already starts with an apostrophe
//    gets one too, so the rule is reversible without guessing: a reader strips exactly one leading
//    apostrophe from a text cell that has one. NUMBER columns are typed by the export, never text, so
//    a negative number (-12) is written as a number and stays a number in the spreadsheet.
// 2. Quoting (RFC 4180): text cells are always enclosed in double quotes with inner quotes doubled,
//    so commas, line breaks and quotes inside a value never shift columns. An absent value (SQL NULL)
//    is an empty unquoted field; an empty string is "" - the two stay distinguishable.
//
// textCell() is the text rule for the hot path (csv/shotsStream.ts, millions of rows); a unit test
// holds it to formatCsvCell(), and shotsFastPath.test.ts holds the whole shot file to formatCsvRow().

export type CsvCellKind = 'text' | 'number';
export type CsvValue = string | number | bigint | null;

/** First characters that make a spreadsheet treat a text cell as a formula (plus the apostrophe itself, for reversibility). */
export const FORMULA_TRIGGERS: readonly string[] = ['=', '+', '-', '@', '\t', '\r', "'", '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

const TRIGGER_SET = new Set(FORMULA_TRIGGERS);

/** Prefixes one apostrophe when the text would start a formula (or already starts with an apostrophe). */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && TRIGGER_SET.has(text[0]!) ? `'${text}` : text;
}

/** The inverse, for readers (and tests): strips the one apostrophe neutraliseFormula added. */
export function restoreNeutralised(text: string): string {
  return text.startsWith("'") ? text.slice(1) : text;
}

export function quoteCsvText(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

export function formatNumberCell(value: number | bigint): string {
  if (typeof value === 'bigint') return value.toString();
  // A non-finite number has no CSV spelling a spreadsheet reads back as the same value.
  if (!Number.isFinite(value)) throw new TypeError(`cannot write ${value} to a number column`);
  return String(value);
}

export function formatCsvCell(value: CsvValue, kind: CsvCellKind): string {
  if (value === null) return '';
  // Text found in a number column (a schema drift) is still written as text: neutralised and quoted.
  if (kind === 'number' && typeof value !== 'string') return formatNumberCell(value);
  return quoteCsvText(neutraliseFormula(typeof value === 'string' ? value : formatNumberCell(value)));
}

/** RFC 4180 record terminator. */
export const CSV_EOL = '\r\n';
/** Excel recognises UTF-8 only with a byte-order mark; other readers (csv-parse with bom: true) skip it. */
export const UTF8_BOM = '\uFEFF';

export function formatCsvRow(values: readonly CsvValue[], kinds: readonly CsvCellKind[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) line += ',';
    line += formatCsvCell(values[i] ?? null, kinds[i] ?? 'text');
  }
  return line + CSV_EOL;
}

/** Char codes of FORMULA_TRIGGERS, for a test on the first character without allocating. */
const TRIGGER_CODES = new Set(FORMULA_TRIGGERS.map((c) => c.charCodeAt(0)));

/** One text cell, neutralised and quoted (the hot-path spelling of formatCsvCell(t, 'text')). */
export function textCell(t: string): string {
  const needsPrefix = t.length > 0 && TRIGGER_CODES.has(t.charCodeAt(0));
  const body = t.indexOf('"') === -1 ? t : t.replaceAll('"', '""');
  return needsPrefix ? `"'${body}"` : `"${body}"`;
}
