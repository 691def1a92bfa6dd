// Consent: the validity rule as a table (version, withdrawal, the latest consent decides), forms kept
// by admins as versions per treatment and language, consents signed by drawing or by typed name with
// a witness, withdrawal, and the refusal a session start gets without a valid consent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consentInvalidReason, consentProblem, type ConsentFacts, type FormVersionFacts } from '../../../electron/core/consents/validity.js';
import { patientPortFrom } from '../../../electron/core/sessions/wiring.js';
import { ADMIN, CLEAR_SCREENING, CLINICIAN, NURSE, SIGNATURE, makeRecord, type RecordFixture } from './record.fixture.js';
import { expectCoreError, refusal } from '../../support/coreErrors.js';

const FORM_EN: FormVersionFacts[] = [
  { templateId: 1, version: 1, requiresReconsent: false },
  { templateId: 1, version: 2, requiresReconsent: false },
  { templateId: 1, version: 3, requiresReconsent: true },
  { templateId: 1, version: 4, requiresReconsent: false },
  { templateId: 2, version: 1, requiresReconsent: false },
];
const signed = (id: number, templateId: number, version: number, withdrawnAt: string | null = null): ConsentFacts => ({ id, treatment: 'hair-mesotherapy', templateId, templateVersion: version, withdrawnAt });

describe('consent validity', () => {
  const TABLE: [string, ConsentFacts, string | null][] = [
    ['the latest version', signed(1, 1, 4), null],
    ['the version that asked patients to sign again', signed(1, 1, 3), null],
    ['a version before one that asks to sign again', signed(1, 1, 2), 'consent.outdated'],
    ['the first version, later ones asking to sign again', signed(1, 1, 1), 'consent.outdated'],
    ['another language’s form (its own versions)', signed(1, 2, 1), null],
    ['a withdrawn consent on the latest version', signed(1, 1, 4, '2026-09-01T10:00:00.000Z'), 'consent.withdrawn'],
  ];
  for (const [what, consent, code] of TABLE)
    it(`${what}: ${code ?? 'valid'}`, () => {
      expect(consentInvalidReason(consent, FORM_EN)?.code ?? null).toBe(code);
    });

  it('names the signed and the required version', () => {
    expect(consentInvalidReason(signed(7, 1, 2), FORM_EN)).toEqual({ code: 'consent.outdated', params: { consentId: 7, signedVersion: 2, requiredVersion: 3 } });
  });

  it('the latest consent for the treatment decides: a withdrawal is not undone by an older signature, a new one supersedes a withdrawal', () => {
    expect(consentProblem('hair-mesotherapy', [], FORM_EN)).toEqual({ code: 'consent.missing', params: { treatment: 'hair-mesotherapy' } });
    expect(consentProblem('hair-mesotherapy', [signed(1, 1, 4), signed(2, 1, 4, '2026-09-02')], FORM_EN)?.code).toBe('consent.withdrawn');
    expect(consentProblem('hair-mesotherapy', [signed(1, 1, 4, '2026-09-02'), signed(2, 1, 4)], FORM_EN)).toBeNull();
    expect(consentProblem('other-treatment', [signed(1, 1, 4)], FORM_EN)?.code).toBe('consent.missing');
  });
});

let r: RecordFixture;
beforeEach(() => {
  r = makeRecord();
});
afterEach(() => r.close());

const patient = () => r.patients.create(CLINICIAN, { fullName: 'Elif Şahin', birthDate: '1990-02-03', sex: 'female', preferredLanguage: 'tr' });
const form = (language: 'en' | 'tr' | 'es') => r.consents.templates({ treatment: 'hair-mesotherapy' }).find((t) => t.language === language)!;

describe('consent forms', () => {
  it('a new station has a form in English, Turkish and Spanish for hair mesotherapy', () => {
    expect(r.consents.templates({}).map((t) => [t.language, t.version, t.createdBy])).toEqual([
      ['en', 1, null],
      ['es', 1, null],
      ['tr', 1, null],
    ]);
    expect(form('tr').title).toBe('Saç mezoterapisi için onam');
  });

  it('an admin edits a form as a new version, audited with the reason; a clinician cannot; treatment and language stay', async () => {
    const en = form('en');
    const v2 = r.consents.saveTemplate(ADMIN, { templateId: en.templateId, expectedVersion: 1, treatment: 'hair-mesotherapy', language: 'en', title: en.title, body: `${en.body}\n\nPhotographs may be taken for the record.`, requiresReconsent: true, reason: 'photographs added' });
    expect(v2).toMatchObject({ version: 2, requiresReconsent: true, createdBy: { userId: 1 } });
    expect(r.audit.entries.at(-1)).toMatchObject({ action: 'consent_template.update', reason: 'photographs added', oldValue: { version: 1 }, newValue: { version: 2 } });
    expect((await refusal(() => r.consents.saveTemplate(CLINICIAN, { treatment: 'hair-mesotherapy', language: 'en', title: 'x', body: 'x'.repeat(30), requiresReconsent: false, reason: 'x' }))).code).toBe('forbidden');
    expect((await refusal(() => r.consents.saveTemplate(ADMIN, { templateId: en.templateId, expectedVersion: 1, treatment: 'hair-mesotherapy', language: 'en', title: 't', body: 'x'.repeat(30), requiresReconsent: false, reason: 'stale' }))).reason?.code).toBe('consent.template-changed');
    expect((await refusal(() => r.consents.saveTemplate(ADMIN, { templateId: en.templateId, treatment: 'hair-mesotherapy', language: 'es', title: 't', body: 'x'.repeat(30), requiresReconsent: false, reason: 'x' }))).reason?.code).toBe('consent.template-fixed');
    expect((await refusal(() => r.consents.saveTemplate(ADMIN, { treatment: 'hair-mesotherapy', language: 'en', title: 't', body: 'x'.repeat(30), requiresReconsent: false, reason: 'x' }))).reason?.code).toBe('consent.template-exists');
    const missing = await refusal(() => r.consents.saveTemplate(ADMIN, { treatment: 'hair-mesotherapy', language: 'en', title: 't', body: 'x'.repeat(30), reason: 'x' } as never));
    expect([missing.code, missing.field]).toEqual(['validation', 'requiresReconsent']);
  });
});

describe('consents', () => {
  it('records a drawn signature as vector strokes with the form version, who obtained it and when; audited without the strokes', async () => {
    const p = patient();
    const c = await r.consents.record(CLINICIAN, { patientId: p.id, templateVersionId: form('tr').versionId, signature: SIGNATURE });
    expect(c).toMatchObject({ language: 'tr', templateVersion: 1, obtainedBy: { userId: 2, name: 'Carl Clinician' }, obtainedAt: '2026-09-30T12:00:00.000Z', valid: true, invalidReason: null, withdrawal: null });
    expect(c.signature).toEqual({ kind: 'drawn', width: 480, height: 160, strokes: SIGNATURE.strokes });
    expect(r.audit.entries.at(-1)).toMatchObject({ action: 'patient.consent', newValue: { consentId: c.id, version: 1, signature: { kind: 'drawn', strokes: 1, points: 5 } } });
    expect(r.patients.get({ id: p.id }).consents.map((x) => x.id)).toEqual([c.id]);
    // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
    expect(() => r.db.prepare('UPDATE consents SET typed_name = ? WHERE id = ?').run('x', c.id)).toThrow(/never edited/);
  });

  it('refuses a signature that is not one: no strokes, a dot, points off the pad', async () => {
    const p = patient();
    const versionId = form('en').versionId;
    // The two drawn-signature refinements (too short; a point off the pad) carry no reason of their own
    // yet, so both reach the screen as 'not valid' on the strokes.
    for (const [strokes, reason] of [
      [[], { reason: 'validation.too-few', params: { min: 1 } }],
      [[[[5, 5]]], { reason: 'validation.invalid' }],
      [[[[1, 1], [2, 2], [3, 3], [4, 4], [900, 10]]], { reason: 'validation.invalid' }],
    ] as const) {
      const sign = () => r.consents.record(CLINICIAN, { patientId: p.id, templateVersionId: versionId, signature: { ...SIGNATURE, strokes: strokes as never } });
      await expectCoreError(sign, 'validation', { field: 'signature.strokes', ...reason, params: { ...('params' in reason ? reason.params : {}), field: 'signature.strokes' } });
    }
    expect(r.patients.get({ id: p.id }).consents).toEqual([]);
  });

  it('a typed name needs a witness: another member of staff who signs with their password', async () => {
    const p = patient();
    const versionId = form('es').versionId;
    const typed = (username: string, password: string) => ({ kind: 'typed' as const, typedName: 'Elif Şahin', witness: { username, password } });
    expect((await refusal(r.consents.record(CLINICIAN, { patientId: p.id, templateVersionId: versionId, signature: typed('nuria', 'wrong') }))).code).toBe('unauthenticated');
    expect((await refusal(r.consents.record(CLINICIAN, { patientId: p.id, templateVersionId: versionId, signature: typed('carl', 'carl-pass') }))).reason?.code).toBe('consent.witness-is-obtainer');
    const c = await r.consents.record(CLINICIAN, { patientId: p.id, templateVersionId: versionId, signature: typed('nuria', 'nuria-pass') });
    expect(c.signature).toEqual({ kind: 'typed', typedName: 'Elif Şahin', witnessedBy: { userId: NURSE.userId, name: 'Nuria Nurse' } });
  });

  it('refuses a superseded form version, so the patient signs what the clinic now uses', async () => {
    const p = patient();
    const en = form('en');
    r.consents.saveTemplate(ADMIN, { templateId: en.templateId, treatment: 'hair-mesotherapy', language: 'en', title: en.title, body: en.body, requiresReconsent: false, reason: 'typo' });
    expect((await refusal(r.consents.record(CLINICIAN, { patientId: p.id, templateVersionId: en.versionId, signature: SIGNATURE }))).reason).toEqual({ code: 'consent.form-superseded', params: { signedVersion: 1, latestVersion: 2 } });
  });

  it('a session start is refused without a valid consent: missing, withdrawn, outdated; then allowed', async () => {
    const p = patient();
    const screened = r.patients.recordScreening(CLINICIAN, { patientId: p.id, ...CLEAR_SCREENING });
    const port = patientPortFrom(r.patients, r.consents);
    const problems = () => port.intake(p.id, { screeningId: screened.screening!.id })!.problems.map((x) => x.code);
    expect(problems()).toEqual(['consent.missing']);
    const c = await r.consents.record(CLINICIAN, { patientId: p.id, templateVersionId: form('en').versionId, signature: SIGNATURE });
    expect(problems()).toEqual([]);
    const w = r.consents.withdraw(CLINICIAN, { patientId: p.id, consentId: c.id, reason: 'patient changed her mind' });
    expect(w).toMatchObject({ valid: false, invalidReason: { code: 'consent.withdrawn' }, withdrawal: { reason: 'patient changed her mind', by: { userId: 2 } } });
    expect(r.audit.entries.at(-1)).toMatchObject({ action: 'patient.consent-withdrawn', reason: 'patient changed her mind' });
    expect(problems()).toEqual(['consent.withdrawn']);
    expect((await refusal(() => r.consents.withdraw(CLINICIAN, { patientId: p.id, consentId: c.id, reason: 'again' }))).reason?.code).toBe('consent.already-withdrawn');
    const again = await r.consents.record(CLINICIAN, { patientId: p.id, templateVersionId: form('en').versionId, signature: SIGNATURE });
    expect(problems()).toEqual([]);
    const en = form('en');
    r.consents.saveTemplate(ADMIN, { templateId: en.templateId, treatment: 'hair-mesotherapy', language: 'en', title: en.title, body: `${en.body} New risks.`, requiresReconsent: true, reason: 'new risks' });
    expect(port.intake(p.id, { screeningId: screened.screening!.id })!.problems).toEqual([{ code: 'consent.outdated', params: { consentId: again.id, signedVersion: 1, requiredVersion: 2 } }]);
  });

  it('the intake names the screening to confirm: missing, not confirmed, not the latest', () => {
    const p = patient();
    const port = patientPortFrom(r.patients, r.consents);
    expect(port.intake(p.id)!.problems.map((x) => x.code)).toEqual(['screening.missing', 'consent.missing']);
    const first = r.patients.recordScreening(CLINICIAN, { patientId: p.id, ...CLEAR_SCREENING }).screening!;
    expect(port.intake(p.id)!.problems[0]).toEqual({ code: 'screening.not-confirmed', params: { screeningId: first.id, recordedAt: first.recordedAt } });
    const second = r.patients.recordScreening(CLINICIAN, { patientId: p.id, ...CLEAR_SCREENING, pregnancy: true, reason: 'pregnant since the last visit' }).screening!;
    expect(port.intake(p.id, { screeningId: first.id })!.problems[0]).toMatchObject({ code: 'screening.not-latest', params: { latestId: second.id } });
    expect(port.intake(p.id, { screeningId: second.id })!).toMatchObject({ contraindications: ['pregnancy'] });
  });
});
