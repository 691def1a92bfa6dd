// The session report on its own (no database): every section drawn from a hand-made report, checked
// by qpdf and poppler; untrusted text printed inertly.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AtomicFile } from '../../../electron/core/exports/files/atomicFile.js';
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

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pdf-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function render(name: string, overrides = {}, pseudonymised = false): Promise<string> {
  const f = await AtomicFile.create(dir, name);
  await writeSessionReportPdf(fixtureReport(overrides), { exportId: 'T1', exportedAtMs: Date.UTC(2025, 2, 5), exportedBy: 'admin1', pseudonymised, software: 'test' }, f);
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
    expect(provenanceLine({ shots: 0, authenticated: 0 })).toBe('none recorded');
    expect(provenanceLine({ shots: 200, authenticated: 200 })).toBe("all 200 authenticated by the gun's MAC");
    expect(provenanceLine({ shots: 200, authenticated: 197 })).toMatch(/^197 of 200 authenticated by the gun's MAC; 3 not/);
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
