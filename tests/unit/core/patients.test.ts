// Patients: identifiers and field validation (naming the field, writing nothing), screening flags,
// grades per scale, consent, search, and an audit entry for every change in the same transaction.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReasonCode } from '../../../electron/contract/reasons.js';
import type { Actor } from '../../../electron/core/access/actor.js';
import { AuditTrail } from '../../../electron/core/audit/trail.js';
import type { AuditAppend, AuditPort } from '../../../electron/core/audit/port.js';
import { PatientService } from '../../../electron/core/patients/service.js';
import { openDatabase, type Db } from '../../../electron/core/storage/db.js';
import { expectCoreError } from '../../support/coreErrors.js';

const CLINICIAN: Actor = { userId: 2, username: 'carl', displayName: 'Carl Clinician', role: 'clinician' };
const NOON_2026_06_15 = Date.UTC(2026, 5, 15, 12, 0, 0);

class FakeAudit implements AuditPort {
  entries: AuditAppend[] = [];
  failNext = false;
  append(e: AuditAppend): void {
    if (this.failNext) throw new Error('audit store unavailable');
    this.entries.push(structuredClone(e));
  }
}

let dir: string;
let db: Db;
let audit: FakeAudit;
let patients: PatientService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'meso-patients-'));
  db = openDatabase(join(dir, 'station.db'));
  audit = new FakeAudit();
  patients = new PatientService(db, audit, { now: () => NOON_2026_06_15 });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const rows = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

const ANNA = { fullName: 'Anna Berg', birthDate: '1985-03-02', sex: 'female' as const };

describe('patients: create and validation', () => {
  it('creates a patient with two identifiers and allergies as typed (one per allergen code), and audits it', () => {
    const p = patients.create(CLINICIAN, { ...ANNA, allergies: [' Lidocaine', 'minoxidil', 'lidokain'] });
    expect(p).toMatchObject({ fullName: 'Anna Berg', birthDate: '1985-03-02', clinicId: null, sex: 'female', allergies: ['Lidocaine', 'minoxidil'], active: true });
    expect(p.allergyDetails.map((a) => [a.name, a.code, a.recognised, a.reason])).toEqual([
      ['Lidocaine', 'lidocaine', true, 'recorded at registration'],
      ['minoxidil', 'minoxidil', true, 'recorded at registration'],
    ]);
    expect(p.screening).toBeNull();
    expect(p.screened).toBe(false);
    expect(p.needsClinicianReview).toBe(false);
    expect(audit.entries).toHaveLength(1);
    expect(audit.entries[0]).toMatchObject({ action: 'patient.create', entity: 'patient', entityId: p.id, oldValue: null, newValue: { fullName: 'Anna Berg' } });
    expect(audit.entries[0]!.actor?.userId).toBe(CLINICIAN.userId);
  });

  it('accepts clinic id with one other identifier', () => {
    expect(patients.create(CLINICIAN, { clinicId: 'MRN-001', birthDate: '1970-01-01', sex: 'male' }).clinicId).toBe('MRN-001');
    expect(patients.create(CLINICIAN, { clinicId: 'MRN-002', fullName: 'Bo Lund', sex: 'male' }).fullName).toBe('Bo Lund');
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['only a name', { fullName: 'Anna Berg', sex: 'female' }, 'birthDate'],
    ['only a clinic id', { clinicId: 'MRN-9', sex: 'female' }, 'fullName'],
    ['no identifier', { sex: 'female' }, 'fullName'],
    ['an impossible date', { ...ANNA, birthDate: '1985-02-30' }, 'birthDate'],
    ['a malformed date', { ...ANNA, birthDate: '02/03/1985' }, 'birthDate'],
    ['an overlong name', { ...ANNA, fullName: 'x'.repeat(121) }, 'fullName'],
    ['an overlong clinic id', { ...ANNA, clinicId: 'A'.repeat(41) }, 'clinicId'],
    ['an unknown sex', { ...ANNA, sex: 'x' }, 'sex'],
    ['an allergen with a formula character', { ...ANNA, allergies: ['=HYPERLINK("x")'] }, 'allergies[0]'],
    ['a phone without its country code', { ...ANNA, phone: '0532 123 45 67' }, 'phone'],
    ['a phone that is not a number of its country', { ...ANNA, phone: '+90 12' }, 'phone'],
    ['an e-mail without a domain', { ...ANNA, email: 'anna@' }, 'email'],
    ['an unknown language', { ...ANNA, preferredLanguage: 'de' }, 'preferredLanguage'],
  ];
  for (const [what, input, field] of bad)
    it(`refuses ${what}, naming ${field}, writing nothing`, async () => {
      await expectCoreError(() => patients.create(CLINICIAN, input as never), 'validation', { field });
      expect(rows('patients')).toBe(0);
      expect(audit.entries).toHaveLength(0);
    });

  it('refuses a birth date after today (the station clock), writing nothing', async () => {
    await expectCoreError(() => patients.create(CLINICIAN, { ...ANNA, birthDate: '2026-06-16' }), 'validation', { field: 'birthDate', reason: 'validation.in-future', params: { today: '2026-06-15' } });
    expect(rows('patients')).toBe(0);
    expect(patients.create(CLINICIAN, { ...ANNA, birthDate: '2026-06-15' }).birthDate).toBe('2026-06-15');
  });

  it('refuses a clinic id that another patient has (conflict, field named)', async () => {
    patients.create(CLINICIAN, { ...ANNA, clinicId: 'MRN-1' });
    await expectCoreError(() => patients.create(CLINICIAN, { fullName: 'Other', birthDate: '1990-01-01', clinicId: 'mrn-1', sex: 'male' }), 'conflict', { field: 'clinicId' });
    expect(rows('patients')).toBe(1);
  });

  it('rolls the change back when the audit append fails (same transaction)', () => {
    audit.failNext = true;
    expect(() => patients.create(CLINICIAN, ANNA)).toThrow('audit store unavailable');
    expect(rows('patients')).toBe(0);
  });

  it('requires a logged-in actor', async () => {
    await expectCoreError(() => patients.create(null, ANNA), 'unauthenticated');
    expect(rows('patients')).toBe(0);
  });
});

describe('patients: update and deactivate', () => {
  it('audits only the changed fields with old and new values and the reason', () => {
    const p = patients.create(CLINICIAN, ANNA);
    const u = patients.update(CLINICIAN, { id: p.id, fullName: 'Anna Berg-Holm', phone: '+90 532 123 45 67', reason: 'married; new phone' });
    expect(u.fullName).toBe('Anna Berg-Holm');
    expect(u.phone).toBe('+905321234567');
    const e = audit.entries.at(-1)!;
    expect(e).toMatchObject({
      action: 'patient.update',
      entityId: p.id,
      oldValue: { fullName: 'Anna Berg', phone: null },
      newValue: { fullName: 'Anna Berg-Holm', phone: '+905321234567' },
      reason: 'married; new phone',
    });
    expect(Object.keys(e.newValue as object).sort()).toEqual(['fullName', 'phone']);
  });

  it('requires a reason', async () => {
    const p = patients.create(CLINICIAN, ANNA);
    await expectCoreError(() => patients.update(CLINICIAN, { id: p.id, fullName: 'X', reason: '  ' }), 'validation', { field: 'reason' });
    expect(patients.get({ id: p.id }).fullName).toBe('Anna Berg');
  });

  it('refuses clearing an identifier that leaves fewer than two, writing nothing', async () => {
    const p = patients.create(CLINICIAN, ANNA);
    const before = audit.entries.length;
    await expectCoreError(() => patients.update(CLINICIAN, { id: p.id, birthDate: null, reason: 'typo' }), 'validation', { field: 'birthDate' });
    expect(patients.get({ id: p.id }).birthDate).toBe('1985-03-02');
    expect(audit.entries).toHaveLength(before);
    // With a clinic id added in the same change, the birth date may go.
    expect(patients.update(CLINICIAN, { id: p.id, birthDate: null, clinicId: 'MRN-7', reason: 'birth date unknown' }).birthDate).toBeNull();
  });

  it('deactivates instead of deleting; inactive patients leave the default search', () => {
    const p = patients.create(CLINICIAN, ANNA);
    patients.update(CLINICIAN, { id: p.id, active: false, reason: 'moved away' });
    expect(audit.entries.at(-1)).toMatchObject({ action: 'patient.deactivate', oldValue: { active: true }, newValue: { active: false } });
    expect(patients.get({ id: p.id }).active).toBe(false);
    expect(patients.list({}).total).toBe(0);
    expect(patients.list({ includeInactive: true }).items.map((x) => x.id)).toEqual([p.id]);
    expect(rows('patients')).toBe(1);
  });

  it('writes no audit entry for an update that changes nothing', () => {
    const p = patients.create(CLINICIAN, ANNA);
    patients.update(CLINICIAN, { id: p.id, fullName: 'Anna Berg', reason: 'checked' });
    expect(audit.entries).toHaveLength(1);
  });

  it('answers not-found for an unknown id', async () => {
    await expectCoreError(() => patients.update(CLINICIAN, { id: 999, fullName: 'X', reason: 'r' }), 'not-found');
    await expectCoreError(() => patients.get({ id: 999 }), 'not-found');
  });
});

describe('patients: screening, grades, consent', () => {
  const CLEAR = { pregnancy: false, breastfeeding: false, immunologicalDisease: false, activeCancer: false, diabetes: false, anaestheticAllergy: false, other: false };

  it('a clear screening needs no review; a contraindication flags review without blocking', async () => {
    const p = patients.create(CLINICIAN, ANNA);
    const clear = patients.recordScreening(CLINICIAN, { patientId: p.id, ...CLEAR });
    expect(clear.screened).toBe(true);
    expect(clear.needsClinicianReview).toBe(false);
    expect(clear.screening?.contraindications).toEqual([]);

    const e0 = await expectCoreError(() => patients.recordScreening(CLINICIAN, { patientId: p.id, ...CLEAR, diabetes: true }), 'validation', { field: 'reason' });
    expect(e0.reason?.code).toBe('screening.reason-needed');
    const flagged = patients.recordScreening(CLINICIAN, { patientId: p.id, ...CLEAR, diabetes: true, anaestheticAllergy: true, reason: 'diagnosed in May; reaction to lidocaine at the dentist' });
    expect(flagged.screening?.contraindications).toEqual(['diabetes', 'anaestheticAllergy']);
    expect(flagged.needsClinicianReview).toBe(true);
    expect(flagged.screening?.recordedBy).toEqual({ userId: 2, name: 'Carl Clinician' });
    expect(flagged.screening?.recordedAt).toBe(new Date(NOON_2026_06_15).toISOString());
    expect(patients.list({}).items[0]!.needsClinicianReview).toBe(true);

    const e = audit.entries.at(-1)!;
    expect(e.action).toBe('patient.screening-update');
    expect(e.reason).toBe('diagnosed in May; reaction to lidocaine at the dentist');
    expect(flagged.screening?.reason).toBe('diagnosed in May; reaction to lidocaine at the dentist');
    expect((e.oldValue as { contraindications: string[] }).contraindications).toEqual([]);
    expect((e.newValue as { contraindications: string[] }).contraindications).toEqual(['diabetes', 'anaestheticAllergy']);
  });

  it('"other" needs a note', async () => {
    const p = patients.create(CLINICIAN, ANNA);
    await expectCoreError(() => patients.recordScreening(CLINICIAN, { patientId: p.id, ...CLEAR, other: true }), 'validation', { field: 'note' });
    expect(rows('patient_screenings')).toBe(0);
    const s = patients.recordScreening(CLINICIAN, { patientId: p.id, ...CLEAR, other: true, note: 'keloid scarring' });
    expect(s.screening).toMatchObject({ other: true, note: 'keloid scarring', contraindications: ['other'] });
  });

  it('records grades validated per scale, newest visit first', () => {
    const p = patients.create(CLINICIAN, { fullName: 'Bo Lund', birthDate: '1979-09-09', sex: 'male' });
    patients.recordGrade(CLINICIAN, { patientId: p.id, visitDate: '2026-01-10', scale: 'norwood', grade: 'III vertex' });
    const v = patients.recordGrade(CLINICIAN, { patientId: p.id, visitDate: '2026-06-01', scale: 'norwood', grade: 'IVa' });
    expect(v.grades.map((g) => g.grade)).toEqual(['IVa', 'III vertex']);
    expect(audit.entries.at(-1)).toMatchObject({ action: 'patient.grade', newValue: { scale: 'norwood', grade: 'IVa', visitDate: '2026-06-01' } });
  });

  // A grade outside its scale is the schema's own refinement, so its reason is the plain 'not valid' on the field.
  const badGrades: [string, Record<string, unknown>, string, ReasonCode][] = [
    ['a Ludwig grade beyond III', { scale: 'ludwig', grade: 'IV' }, 'grade', 'validation.invalid'],
    ['a Sinclair grade 6', { scale: 'sinclair', grade: '6' }, 'grade', 'validation.invalid'],
    ['a Norwood grade written in digits', { scale: 'norwood', grade: '3' }, 'grade', 'validation.invalid'],
    ['an unknown scale', { scale: 'savin', grade: 'I' }, 'scale', 'validation.one-of'],
  ];
  for (const [what, g, field, reason] of badGrades)
    it(`refuses ${what}`, async () => {
      const p = patients.create(CLINICIAN, ANNA);
      await expectCoreError(() => patients.recordGrade(CLINICIAN, { patientId: p.id, visitDate: '2026-06-01', ...g } as never), 'validation', { field, reason, params: { field } });
      expect(rows('patient_grades')).toBe(0);
    });

  it('refuses a visit in the future', async () => {
    const p = patients.create(CLINICIAN, ANNA);
    await expectCoreError(() => patients.recordGrade(CLINICIAN, { patientId: p.id, visitDate: '2026-06-16', scale: 'ludwig', grade: 'II' }), 'validation', { field: 'visitDate' });
  });

});

describe('patients: search', () => {
  it('finds by part of the name or clinic id, case-insensitively, paged', async () => {
    for (let i = 1; i <= 7; i++) patients.create(CLINICIAN, { fullName: `Smith ${i}`, birthDate: '1980-01-01', clinicId: `C-${100 + i}`, sex: 'male' });
    patients.create(CLINICIAN, { fullName: 'Ann Jones', birthDate: '1990-05-05', clinicId: 'X-7', sex: 'female' });
    const page1 = patients.list({ query: 'smith', limit: 3 });
    expect(page1.total).toBe(7);
    expect(page1.items.map((p) => p.fullName)).toEqual(['Smith 1', 'Smith 2', 'Smith 3']);
    const page3 = patients.list({ query: 'smith', limit: 3, offset: 6 });
    expect(page3.items.map((p) => p.fullName)).toEqual(['Smith 7']);
    expect(patients.list({ query: 'x-7' }).items.map((p) => p.fullName)).toEqual(['Ann Jones']);
    // LIKE wildcards in the query are literal text.
    expect(patients.list({ query: '%' }).total).toBe(0);
    await expectCoreError(() => patients.list({ limit: 101 }), 'validation', { field: 'limit' });
  });

  it('folds Turkish and Spanish letters: "ipek" finds İpek Işık, "isik" and "IŞIK" too, "munoz" finds Muñoz', () => {
    patients.create(CLINICIAN, { fullName: 'İpek Işık', birthDate: '1990-01-01', clinicId: 'TR-1', sex: 'female' });
    patients.create(CLINICIAN, { fullName: 'José Muñoz', birthDate: '1970-01-01', clinicId: 'ES-1', sex: 'male' });
    patients.create(CLINICIAN, { fullName: 'Ann Jones', birthDate: '1990-05-05', clinicId: 'X-7', sex: 'female' });
    const found = (query: string) => patients.list({ query }).items.map((p) => p.fullName);
    for (const q of ['ipek', 'IPEK', 'İpek', 'ıpek', 'isik', 'IŞIK', 'ipek ış']) expect(found(q), q).toEqual(['İpek Işık']);
    for (const q of ['munoz', 'MUÑOZ', 'jose', 'José M']) expect(found(q), q).toEqual(['José Muñoz']);
    // The separator between name and clinic id is not something a search can match across.
    expect(found('ık tr')).toEqual([]);
    expect(found('tr-1')).toEqual(['İpek Işık']);
  });

  it('keeps the search key in step with a renamed patient', () => {
    const p = patients.create(CLINICIAN, { fullName: 'Ayse Yilmaz', birthDate: '1990-01-01', clinicId: 'TR-2', sex: 'female' });
    patients.update(CLINICIAN, { id: p.id, fullName: 'Ayşe Yılmaz', reason: 'spelling' });
    expect(patients.list({ query: 'yılmaz' }).items.map((x) => x.fullName)).toEqual(['Ayşe Yılmaz']);
    patients.update(CLINICIAN, { id: p.id, fullName: 'Ayşe Kaya', reason: 'married name' });
    expect(patients.list({ query: 'yilmaz' }).total).toBe(0);
    expect(patients.list({ query: 'kaya' }).total).toBe(1);
  });
});

describe('patients: with the real audit trail', () => {
  it('writes audit rows the trail lists for the patient', () => {
    const trail = new AuditTrail(db, { now: () => NOON_2026_06_15 }, new Uint8Array(32).fill(1));
    const real = new PatientService(db, trail, { now: () => NOON_2026_06_15 });
    const p = real.create(CLINICIAN, ANNA);
    real.update(CLINICIAN, { id: p.id, fullName: 'Anna B', reason: 'spelling' });
    const page = trail.list({ entity: 'patient', entityId: String(p.id) });
    expect(page.entries.map((e) => e.action).sort()).toEqual(['patient.create', 'patient.update']);
    expect(trail.verify().ok).toBe(true);
  });
});
