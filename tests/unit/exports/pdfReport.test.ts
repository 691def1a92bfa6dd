// The session report on its own (no database): every section drawn from a hand-made report, checked
// by qpdf and poppler; untrusted text printed inertly; written in English, Turkish and Spanish, the
// English unchanged from before the report had other languages.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtomicFile } from '../../../electron/core/exports/files/atomicFile.js';
import type { Language } from '../../../electron/contract/languages.js';
import { CORE_CATALOGUES } from '../../../electron/core/i18n/intl.js';
import { reportWords } from '../../../electron/core/exports/pdf/reportWords.js';
import { provenanceLine, writeSessionReportPdf } from '../../../electron/core/exports/pdf/sessionReport.js';
import { printable } from '../../../electron/core/exports/pdf/text.js';
import { timelineOf } from '../../../electron/core/exports/query/sessionReader.js';
import { fixtureReport } from './reportFixture.js';

function hasTool(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// The report prints the station's local time with its offset: one zone, so the texts compared below
// are the same on every machine (Node reads TZ when it changes).
process.env.TZ = 'Europe/Madrid';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pdf-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(name: string, overrides = {}, pseudonymised = false, language: Language = 'en', training = false): Promise<string> {
  const f = await AtomicFile.create(dir, name);
  await writeSessionReportPdf(fixtureReport(overrides), { exportId: 'T1', exportedAtMs: Date.UTC(2025, 2, 5), exportedBy: 'admin1', pseudonymised, software: 'test', language, training }, f);
  await f.finish();
  await f.commit();
  return path.join(dir, name);
}

describe('session report PDF', () => {
  it('is a valid PDF that starts with %PDF and passes qpdf --check', async ({ skip }) => {
    const file = await render('a.pdf');
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    if (!hasTool('qpdf')) skip('qpdf is not installed');
    execFileSync('qpdf', ['--check', file], { stdio: 'pipe' });
  });

  it('shows signatures with meaning and time, device, serum, thermotherapy, zones, events and aftercare', async ({ skip }) => {
    if (!hasTool('pdftotext')) skip('poppler-utils is not installed');
    const txt = execFileSync('pdftotext', ['-layout', await render('b.pdf'), '-'], { encoding: 'utf8' });
    for (const needle of ['performed', 'reviewed', 'Dr. Bruno Supervisor', 'MesoGun S2', 'MG-2024-000123', '2.4.1', 'Revita hair cocktail', 'library version 3', 'LOT-24A17', '2026-01-31', 'active 10 min 00 s', '1 pause', 'Temp. L', 'Parietal right', 'soft_ack', 'Reason: =1+1 thin crown', 'SHORTENED', 'admin.a', 'patient dizzy', 'Station restarted', '49 recovered; none lost', 'Aftercare given', 'authenticated by the gun', 'page 2 of 2', 'Deliv. µL'])
      expect(txt, needle).toContain(needle);
    // Volumes as on screen (units.ts): µL with one decimal, never "uL".
    expect(txt).toMatch(/\d\.\d\sµL/);
    expect(txt).not.toMatch(/\buL\b/);
  });

  it('an aborted, pseudonymised, never-closed session still renders, and says what is withheld', async ({ skip }) => {
    if (!hasTool('pdftotext')) skip('poppler-utils is not installed');
    const file = await render('c.pdf', { status: 'aborted', closing: null, abort: { reason: null, atMs: Date.UTC(2025, 2, 4, 13, 20), phase: 'mesotherapy' }, signatures: [], patient: { id: 1, code: 'P-AAAA-BBBB-CCCC', fullName: null, birthDate: null, clinicId: null, sex: 'male' } }, true);
    const txt = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(txt).toContain('ABORTED');
    expect(txt).toContain('Pseudonymised export');
    expect(txt).toContain('(reason withheld)');
    expect(txt).toContain('Not signed.');
    expect(txt).not.toContain('Date of birth');
  });

  it('renders with pdftoppm', async ({ skip }) => {
    if (!hasTool('pdftoppm')) skip('poppler-utils is not installed');
    const file = await render('d.pdf');
    execFileSync('pdftoppm', ['-r', '40', '-png', '-f', '1', '-l', '1', file, path.join(dir, 'd')]);
    expect(readFileSync(path.join(dir, 'd-1.png')).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('session report PDF in the reader\'s language', () => {
  const text = (file: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' });
  const flat = (t: string) => t.replace(/\s+/g, ' ').trim();
  const ABORTED = { status: 'aborted', closing: null, abort: { reason: null, atMs: Date.UTC(2025, 2, 4, 13, 20), phase: 'mesotherapy' }, signatures: [], patient: { id: 1, code: 'P-AAAA-BBBB-CCCC', fullName: null, birthDate: null, clinicId: null, sex: 'male' } };

  it('English is word for word the report as it was before it had languages', async ({ skip }) => {
    if (!hasTool('pdftotext')) skip('poppler-utils is not installed');
    // golden/*.txt: pdftotext of these two reports made by the code before this change (main, 7db4ab5).
    const golden = (name: string) => flat(readFileSync(path.join(__dirname, 'golden', name), 'utf8'));
    expect(flat(text(await render('en-full.pdf')))).toBe(golden('session-report-en.txt'));
    expect(flat(text(await render('en-aborted.pdf', ABORTED, true, 'en', true)))).toBe(golden('session-report-en-aborted.txt'));
  });

  const TURKISH_NAME = 'İpek Işık Çağlar Öztürk Şahin';
  const SPANISH_NAME = 'Begoña Sáez Peña';

  it('Turkish: the words, dates and figures in Turkish, every Turkish letter intact (İ ı ş ğ ç ö ü)', async ({ skip }) => {
    if (!hasTool('pdftotext')) skip('poppler-utils is not installed');
    const base = fixtureReport();
    const txt = text(await render('tr.pdf', { patient: { ...base.patient, fullName: TURKISH_NAME } }, false, 'tr'));
    const t = flat(txt);
    expect(t).toContain(TURKISH_NAME);
    for (const words of ['Saç mezoterapisi - seans raporu', 'Seans #4711 - İMZALANDI', 'Doğum tarihi', 'Tabanca ürün', 'İmzalayan', 'uygulayan', 'inceleyen', 'Başlangıç', 'Ozonlu buhar', 'KISALTILDI', 'Sınır olayları ve onaylı aşımlar', 'gerekçeyle devam', 'Verteks (tepe)', 'Sağ pariyetal', 'ÖN', 'ARKA'])
      expect(t, words).toContain(words);
    for (const letter of ['İ', 'ı', 'ş', 'ğ', 'ç', 'ö', 'ü']) expect(t, letter).toContain(letter);
    expect(t).toMatch(/sayfa 1 \/ \d/);
    // Dates day first with the offset, figures with the Turkish decimal comma and grouping dot.
    expect(t).toContain('04.03.2025 14:00:00 +01:00');
    expect(t).toMatch(/\b4\.900,0\b/);
    expect(t).toContain('etkin süre 10 min 00 s');
    expect(t).toContain('1 duraklama');
    // No English left in the report's own words (the English of every report.* message that Turkish words differently).
    expect(englishLeftIn(t, 'tr')).toEqual([]);
  });

  it('Spanish: the words, dates and figures in Spanish, ñ á é intact', async ({ skip }) => {
    if (!hasTool('pdftotext')) skip('poppler-utils is not installed');
    const base = fixtureReport();
    const t = flat(text(await render('es.pdf', { patient: { ...base.patient, fullName: SPANISH_NAME } }, false, 'es')));
    expect(t).toContain(SPANISH_NAME);
    for (const words of ['Mesoterapia capilar - informe de la sesión', 'Sesión n.º 4711 - FIRMADA', 'Fecha de nacimiento', 'Firmware de la', 'realización', 'revisión', 'Vapor ozonizado', 'ACORTADA', 'autorización', 'recomendado', 'Vértex (coronilla)', 'Parietal derecha', 'DELANTE', 'DETRÁS'])
      expect(t, words).toContain(words);
    for (const letter of ['ñ', 'á', 'é']) expect(t, letter).toContain(letter);
    expect(t).toMatch(/página 1 de \d/);
    expect(t).toContain('04/03/2025 14:00:00 +01:00');
    // Spanish leaves four-digit figures ungrouped (units.ts).
    expect(t).toMatch(/\b4900,0\b/);
    expect(englishLeftIn(t, 'es')).toEqual([]);
  });

  it('an aborted, pseudonymised training report in Turkish says what is withheld, in Turkish', async ({ skip }) => {
    if (!hasTool('pdftotext')) skip('poppler-utils is not installed');
    const t = flat(text(await render('tr-aborted.pdf', ABORTED, true, 'tr', true)));
    for (const words of ['İPTAL EDİLDİ', 'EĞİTİM - simüle tabanca, klinik kayıt değildir', 'Takma adlı dışa aktarma', '(gerekçe gizlendi)', 'İmzalanmadı.', 'mezoterapi aşamasında', 'erkek', 'kaydedilmedi (seans sonu bakım adımına gelinmedi)'])
      expect(t, words).toContain(words);
    expect(t).not.toContain('Doğum tarihi');
  });

  it('embeds DejaVu Sans (it covers Turkish and Spanish) and no other font', async ({ skip }) => {
    if (!hasTool('pdffonts')) skip('poppler-utils is not installed');
    const rows = execFileSync('pdffonts', [await render('fonts.pdf', {}, false, 'tr')], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatch(/\+DejaVuSans(-Bold)?\s/);
      // Embedded, as a subset, with a Unicode map (so the text extracts as the letters printed).
      expect(row).toMatch(/\byes\s+yes\s+yes\b/);
    }
  });
});

/** English words of the report's catalogue (messages without placeholders, 8 letters or more, worded differently in `lang`) found in `text`. */
function englishLeftIn(text: string, lang: Language): string[] {
  const en = CORE_CATALOGUES.en as Record<string, string>;
  const other = CORE_CATALOGUES[lang] as Record<string, string>;
  return Object.keys(en)
    .filter((k) => k.startsWith('report.') && !/[{}]/.test(en[k]!) && en[k]!.length >= 8 && en[k] !== other[k])
    .map((k) => en[k]!)
    .filter((words) => text.includes(words));
}

describe('printable', () => {
  it('marks invisible characters, keeps visible ones, cuts very long text with a note', () => {
    expect(printable('a\u202Eb\u200Bc\u0000d')).toBe('a<U+202E>b<U+200B>c<U+0000>d');
    expect(printable('Zoë 👩‍⚕️')).toBe('Zoë 👩<U+200D>⚕️');
    expect(printable(null)).toBe('-');
    const cut = printable('y'.repeat(500), 100);
    expect(cut.startsWith('y'.repeat(100) + ' ... [cut: 500 characters')).toBe(true);
  });
});

describe('provenanceLine', () => {
  it('says how many of the session\'s dose records the gun\'s MAC authenticates, and that the rest are not', () => {
    const en = reportWords('en');
    expect(provenanceLine({ shots: 0, authenticated: 0 }, en)).toBe('none recorded');
    expect(provenanceLine({ shots: 200, authenticated: 200 }, en)).toBe("all 200 authenticated by the gun's MAC");
    expect(provenanceLine({ shots: 200, authenticated: 197 }, en)).toMatch(/^197 of 200 authenticated by the gun's MAC; 3 not/);
    expect(provenanceLine({ shots: 2000, authenticated: 1997 }, reportWords('tr'))).toMatch(/^2\.000 kaydın 1\.997 tanesi tabancanın MAC imzasıyla doğrulandı; 3 tanesi/);
  });
});

describe('timelineOf', () => {
  it('groups consecutive shots by zone in firing order', () => {
    const d = (id: number, zone: string, t: number, fault: string | null = null) => ({
      id, gun_serial: 'G', record_id: id, zone, serum_version_id: 1, lot_number: 'L', clinician_user_id: 1, unattributed_reason: null,
      gun_started_at_ms: t, gun_ended_at_ms: t + 300, received_at_ms: t + 340, committed_at_ms: t + 345, commanded_nl: 20_000, delivered_nl: 19_000,
      depth_um: 2000, entry_pct: 0, dwell_pct: 100, exit_pct: 0, mode: 'papule', fault, authenticated: 1,
    });
    const segs = timelineOf([d(1, 'frontal', 0), d(2, 'frontal', 1000, 'occlusion'), d(3, 'vertex', 2000), d(4, 'frontal', 3000)]);
    expect(segs.map((s) => [s.zone, s.shots, s.deliveredNl, s.faults, s.firstShotMs, s.lastShotMs])).toEqual([
      ['frontal', 2, 38_000, 1, 0, 1300],
      ['vertex', 1, 19_000, 0, 2000, 2300],
      ['frontal', 1, 19_000, 0, 3000, 3300],
    ]);
  });
});
