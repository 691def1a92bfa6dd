// The patient's sheet (core/patientSheet): in the patient's language, with the Turkish and Spanish
// letters intact in the PDF's text (pdftotext), the session's own figures, refused before
// mesotherapy is over, and audited with its language.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Language } from '../../../electron/contract/languages.js';
import type { SessionView } from '../../../electron/contract/sessions.js';
import { coreIntl } from '../../../electron/core/i18n/intl.js';
import { patientSheetPdf, type PatientSheetData } from '../../../electron/core/patientSheet/pdf.js';
import { PatientSheetService } from '../../../electron/core/patientSheet/service.js';
import { CLINICIAN, armIn, expectCoreError, makeHarness, toMesotherapy, type Harness } from './sessionsHarness.js';

const dir = mkdtempSync(join(tmpdir(), 'patient-sheet-'));
let h: Harness | undefined;
afterEach(() => h?.close());

function pdfText(pdf: Buffer, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const DATA: PatientSheetData = {
  sessionId: 42,
  patientName: 'İpek Işık Muñoz',
  clinicianName: 'Dr Çağrı Güneş',
  startedAtMs: Date.UTC(2026, 5, 1, 10, 0),
  serum: { name: 'Cóctel capilar', lotNumber: 'L-2026-07' },
  zones: [
    { zone: 'vertex', shots: 60, deliveredNl: 1_200_000 },
    { zone: 'frontal', shots: 15, deliveredNl: 299_600 },
    { zone: 'occipital', shots: 0, deliveredNl: 0 },
  ],
  totalShots: 75,
  totalDeliveredNl: 1_499_600,
  stationName: 'Oda 2',
  printedAtMs: Date.UTC(2026, 5, 1, 11, 0),
  training: false,
};

describe('patient sheet PDF', () => {
  it.each([
    ['tr', ['Saç mezoterapisi seansınızdan sonra', 'İpek Işık Muñoz', 'Dr Çağrı Güneş', 'Haziran', '2 bölgesine 75 mikroenjeksiyon yapıldı', 'toplam 1.499,6 µL serum', '1.499,6 µL', 'Tepe (verteks)', '60 enjeksiyon, 1.200,0 µL', 'Ön saç çizgisi (frontal)', 'ıslatmayın', 'güneşe maruz bırakmayın']],
    ['es', ['Después de su sesión de mesoterapia capilar', 'İpek Işık Muñoz', 'junio', '75 microinyecciones en 2 zonas', '1499,6 µL', 'Coronilla (vértex)', '60 inyecciones, 1200,0 µL', 'No se lave ni se moje el pelo durante 8 horas.', 'Producto: Cóctel capilar (lote L-2026-07)']],
    ['en', ['After your hair mesotherapy session', 'İpek Işık Muñoz', 'June', '75 microinjections into 2 areas', '1,499.6 µL', 'Crown (vertex)', 'Do not wash or wet your hair for 8 hours.']],
  ] as const)('in %s: the letters intact, the figures in the language’s own marks', async (lang, expected) => {
    const text = pdfText(await patientSheetPdf(DATA, coreIntl(lang as Language)), `sheet-${lang}`);
    for (const e of expected) expect(text, e).toContain(e);
    // A zone with no injection is not listed as treated.
    expect(text).not.toMatch(/Başın arkası|Parte posterior|Back of the head/);
    expect(text).not.toMatch(/TRAINING|EĞİTİM|FORMACIÓN/);
  });

  it('says when nothing was injected, and marks a training sheet', async () => {
    const text = pdfText(await patientSheetPdf({ ...DATA, zones: [], totalShots: 0, totalDeliveredNl: 0, training: true }, coreIntl('tr')), 'empty-tr');
    expect(text).toContain('Bu seansta serum enjekte edilmedi.');
    expect(text).toContain('EĞİTİM AMAÇLIDIR: klinik kayıt değildir');
  });
});

describe('patient sheet service', () => {
  function service(view: () => SessionView, preferred: Language | null, audit: Harness['audit']) {
    return new PatientSheetService({
      session: () => view(),
      patient: () => ({ fullName: 'İpek Işık', preferredLanguage: preferred }),
      stationName: () => 'Room 1',
      stationLanguage: () => 'es',
      training: false,
      now: () => Date.UTC(2026, 5, 1, 12, 0),
      audit,
    });
  }

  it('is refused until mesotherapy is over, then made in the patient’s language, else the station’s, and audited', async () => {
    h = await makeHarness();
    const id = await toMesotherapy(h);
    await armIn(h, id, 'vertex');
    await h.gun.fire(3);
    await h.service.disarm(CLINICIAN, { sessionId: id });
    const harness = h;
    const early = await expectCoreError(service(() => harness.service.get(id), 'tr', harness.audit).make(CLINICIAN, { sessionId: id }), 'blocked');
    expect(early.reason).toEqual({ code: 'patientSheet.too-early', params: { phase: 'mesotherapy' } });
    await h.service.closing(CLINICIAN, { sessionId: id, oilSerumApplied: true, aftercareGiven: true });

    const tr = await service(() => harness.service.get(id), 'tr', harness.audit).make(CLINICIAN, { sessionId: id });
    expect(tr).toMatchObject({ language: 'tr', fileName: `session-${id}-patient-sheet-tr.pdf` });
    const trText = pdfText(Buffer.from(tr.pdfBase64, 'base64'), 'service-tr');
    expect(trText).toContain('3 mikroenjeksiyon');
    expect(trText).toContain('60,0 µL');

    expect((await service(() => harness.service.get(id), null, harness.audit).make(CLINICIAN, { sessionId: id })).language).toBe('es');
    expect((await service(() => harness.service.get(id), 'tr', harness.audit).make(CLINICIAN, { sessionId: id, language: 'en' })).language).toBe('en');

    const printed = h.audit.list({ entity: 'clinical_session', entityId: String(id) }).entries.filter((e) => e.action === 'session.patient-sheet');
    expect(printed.map((e) => (e.newValue as { language: string }).language).sort()).toEqual(['en', 'es', 'tr']);
    // The audit trail records the language, never the sheet's content or the patient's name.
    expect(JSON.stringify(printed)).not.toContain('Işık');
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
