// Malicious and odd patient names, notes and reasons (formulas, HTML, 10,000 characters, RTL
// override, zero-width characters, emoji, combining marks) come out inert and intact: in the CSV no
// text cell can start a formula and the stored value is recovered exactly; in the JSON the value is
// exact; in the PDF invisible characters are shown as markers and over-long text is cut with a note.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORMULA_TRIGGERS } from '../../../electron/core/exports/csv/cell.js';
import { printable } from '../../../electron/core/exports/pdf/text.js';
import { runExport, type ExportResult } from '../../../electron/core/exports/run.js';
import { HOSTILE_TEXTS } from '../../support/syntheticClinic.js';
import { openStation, type Station } from './fixture.js';
import { hasTool, readCsv } from './tools.js';

let st: Station;
let result: ExportResult;
const pdfs = () => result.manifest.files.filter((f) => f.name.endsWith('.pdf'));
const file = (suffix: string) => path.join(st.out, result.manifest.files.find((f) => f.name.endsWith(suffix))!.name);

beforeAll(async () => {
  st = openStation();
  result = await runExport(st.request({ outputs: ['shots_csv', 'sessions_csv', 'json', 'pdf'] }), st.ctx());
});
afterAll(() => st.close());

describe('hostile text', () => {
  it('the clinic really holds every hostile string as a patient name', () => {
    const names = (st.db.prepare('SELECT full_name FROM patients').all() as { full_name: string }[]).map((r) => r.full_name);
    for (const h of HOSTILE_TEXTS) expect(names).toContain(h);
  });

  it('CSV: no text cell starts a formula, and stripping the one apostrophe gives the stored value back', () => {
    for (const name of ['shots.csv', 'sessions.csv']) {
      const rows = readCsv(file(name));
      for (const row of rows)
        for (const [col, cell] of Object.entries(row)) {
          if (cell === null || cell === '') continue;
          const isNumber = /^-?\d+(\.\d+)?$/.test(cell);
          if (!isNumber) expect(FORMULA_TRIGGERS.filter((t) => t !== "'").includes(cell[0]!), `${name} ${col}: ${cell.slice(0, 30)}`).toBe(false);
        }
      const names = new Set(rows.map((r) => r.patient_name).filter((x): x is string => x !== null).map((x) => (x.startsWith("'") ? x.slice(1) : x)));
      for (const h of HOSTILE_TEXTS) expect(names.has(h), JSON.stringify(h.slice(0, 30))).toBe(true);
    }
    // Free text too: the closing notes and abort reasons carry hostile strings in this clinic.
    const sessions = readCsv(file('sessions.csv'));
    const notes = new Set(sessions.map((r) => r.closing_notes).filter((x): x is string => x !== null).map((x) => (x.startsWith("'") ? x.slice(1) : x)));
    expect([...notes].some((n) => n.length === 10_000)).toBe(true);
    expect(notes.has('\t=1+1')).toBe(true);
  });

  it('CSV: a negative number stays a number; the same text in a text column is neutralised', () => {
    const raw = readFileSync(file('sessions.csv'), 'utf8');
    expect(raw).toContain(`"'-2+3+cmd|' /C calc'!A0"`);
    expect(raw).toContain(`"'+41 79 000 00 00"`);
    // Number columns: plain digits, never quoted, never prefixed.
    const first = readCsv(file('sessions.csv'))[0]!;
    expect(first.session_id).toMatch(/^\d+$/);
  });

  it('JSON: every hostile string is carried exactly (JSON escaping makes it inert)', () => {
    const doc = JSON.parse(readFileSync(file('records.json'), 'utf8')) as { sessions: { patient: { fullName: string }; addenda: { text: string; reason: string }[] }[] };
    const names = new Set(doc.sessions.map((s) => s.patient.fullName));
    for (const h of HOSTILE_TEXTS) expect(names.has(h)).toBe(true);
    const addenda = doc.sessions.flatMap((s) => s.addenda.map((a) => a.text));
    expect(addenda.some((t) => HOSTILE_TEXTS.includes(t as (typeof HOSTILE_TEXTS)[number]))).toBe(true);
    // No raw control character or unescaped markup leaks into the document outside JSON strings.
    expect(readFileSync(file('records.json'), 'utf8')).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('PDF: invisible characters are shown as markers, long text is cut with a note, the rest prints as it is', ({ skip }) => {
    if (!hasTool('pdftotext')) skip('poppler-utils is not installed (apt-get install poppler-utils)');
    const bySession = new Map(
      (st.db.prepare('SELECT s.id, p.full_name FROM clinical_sessions s JOIN patients p ON p.id = s.patient_id').all() as { id: number; full_name: string }[]).map((r) => [r.full_name, r.id]),
    );
    const pdfText = (name: string) => {
      const id = bySession.get(name)!;
      return execFileSync('pdftotext', [file(`session-${String(id).padStart(6, '0')}.pdf`), '-'], { encoding: 'utf8' });
    };
    const rtl = pdfText(HOSTILE_TEXTS[7]);
    expect(rtl).toContain('Ahmed <U+202E>gnp.exe<U+202C> Benali');
    expect(rtl).not.toContain('\u202E');
    expect(pdfText(HOSTILE_TEXTS[8])).toContain('Zero<U+200B>width<U+200D><U+FEFF>joiner');
    const long = pdfText(HOSTILE_TEXTS[12]);
    expect(long).toContain('[cut: 10000 characters in all');
    expect(pdfText(HOSTILE_TEXTS[6])).toContain('<script>alert("x")</script>');
    expect(pdfText(HOSTILE_TEXTS[0])).toContain('=HYPERLINK(');
    // Emoji have no glyph in the embedded font (an empty box is drawn) but stay extractable text.
    expect(pdfText(HOSTILE_TEXTS[9])).toContain('Zoë');
    expect(printable(HOSTILE_TEXTS[7])).toBe('Ahmed <U+202E>gnp.exe<U+202C> Benali');
  });

  it('PDF: one report for every session, each a file on disk', () => {
    const sessions = (st.db.prepare('SELECT id FROM clinical_sessions ORDER BY id').all() as { id: number }[]).map((r) => `session-${String(r.id).padStart(6, '0')}.pdf`);
    expect(sessions.length).toBeGreaterThan(0);
    expect(pdfs().map((f) => f.name.slice(f.name.lastIndexOf('.session-') + 1)).sort()).toEqual(sessions);
    expect(result.manifest.rowCounts.pdfReports).toBe(sessions.length);
    for (const f of pdfs()) expect(statSync(path.join(st.out, f.name)).size, f.name).toBeGreaterThan(0);
  });

  it('PDF: every hostile report still passes qpdf --check', ({ skip }) => {
    if (!hasTool('qpdf')) skip('qpdf is not installed (apt-get install qpdf)');
    // Not an empty loop: the test above checks there is a report for every session.
    expect(pdfs().length).toBeGreaterThan(0);
    for (const f of pdfs()) execFileSync('qpdf', ['--check', path.join(st.out, f.name)], { stdio: 'pipe' });
  });
});
