// Patients: create, update (with a reason), deactivate, search, and the screening, grade and consent
// records. Every change writes its audit entry in the same transaction, with old and new values.
import {
  IDENTIFIER_RULE,
  createPatientInput,
  getPatientInput,
  listPatientsInput,
  missingIdentifier,
  addAllergyInput,
  removeAllergyInput,
  recordGradeInput,
  recordScreeningInput,
  updatePatientInput,
  type PatientPage,
  type PatientView,
} from '../../contract/patients.js';
import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../clock.js';
import { allergenCode } from '../../contract/allergens.js';
import { notFound, refused, type CoreError } from '../errors.js';
import type { Db } from '../storage/db.js';
import type { AuditPort } from '../audit/port.js';
import { nowIso, todayIso } from './dates.js';
import { clinicIdTaken, currentAllergies, insertAllergy, insertPatient, readFields, readPatient, removeAllergyRow, searchPatients, updatePatientRow, type PatientFields } from './repository.js';
import { contraindicationsOf } from './screening.js';
import { atomically } from '../audit/atomically.js';
import { parseInput, requireActor, fieldError } from '../serviceChecks.js';

type In<S extends z.ZodType> = z.input<S>;

export class PatientService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditPort,
    private readonly clock: Clock,
  ) {}

  list(input: In<typeof listPatientsInput>): PatientPage {
    const q = parseInput(listPatientsInput, input);
    const { items, total } = searchPatients(this.db, q);
    return { items, total, offset: q.offset, limit: q.limit };
  }

  get(input: In<typeof getPatientInput>): PatientView {
    const { id } = parseInput(getPatientInput, input);
    return this.mustRead(id);
  }

  /** For other core modules (courses, session workflow): the patient, active, or a clear error. */
  requireActive(id: number): PatientView {
    const p = this.mustRead(id);
    if (!p.active) throw refused('blocked', { code: 'patient.inactive', params: { patientId: id } }, `Patient ${id} is deactivated; reactivate the record first.`);
    return p;
  }

  create(actorOrNull: Actor | null, input: In<typeof createPatientInput>): PatientView {
    const actor = requireActor(actorOrNull);
    const p = parseInput(createPatientInput, input);
    const fields: PatientFields = {
      fullName: p.fullName ?? null,
      birthDate: p.birthDate ?? null,
      clinicId: p.clinicId ?? null,
      sex: p.sex,
      phone: p.phone ?? null,
      email: p.email ?? null,
      preferredLanguage: p.preferredLanguage ?? null,
      active: true,
    };
    this.checkBirthDate(fields.birthDate);
    return atomically(this.db, () => {
      if (fields.clinicId && clinicIdTaken(this.db, fields.clinicId, null)) throw this.clinicIdConflict(fields.clinicId);
      const at = nowIso(this.clock);
      const id = insertPatient(this.db, fields, at);
      for (const name of p.allergies) insertAllergy(this.db, { patientId: id, name, byId: actor.userId, byName: actor.displayName, at, reason: 'recorded at registration' });
      this.audit.append({ actor, action: 'patient.create', entity: 'patient', entityId: id, oldValue: null, newValue: { ...fields, allergies: p.allergies } });
      return this.mustRead(id);
    });
  }

  /** Patch update; `active: false` is how a record is retired (there is no delete). */
  update(actorOrNull: Actor | null, input: In<typeof updatePatientInput>): PatientView {
    const actor = requireActor(actorOrNull);
    const u = parseInput(updatePatientInput, input);
    return atomically(this.db, () => {
      const before = readFields(this.db, u.id);
      if (!before) throw missingPatient(u.id);
      const after: PatientFields = {
        fullName: u.fullName === undefined ? before.fullName : u.fullName,
        birthDate: u.birthDate === undefined ? before.birthDate : u.birthDate,
        clinicId: u.clinicId === undefined ? before.clinicId : u.clinicId,
        sex: u.sex ?? before.sex,
        phone: u.phone === undefined ? before.phone : u.phone,
        email: u.email === undefined ? before.email : u.email,
        preferredLanguage: u.preferredLanguage === undefined ? before.preferredLanguage : u.preferredLanguage,
        active: u.active ?? before.active,
      };
      const field = missingIdentifier(after);
      if (field) throw fieldError(field, { code: 'validation.identifier' }, IDENTIFIER_RULE);
      if (u.birthDate !== undefined) this.checkBirthDate(after.birthDate);
      if (after.clinicId && after.clinicId !== before.clinicId && clinicIdTaken(this.db, after.clinicId, u.id)) throw this.clinicIdConflict(after.clinicId);

      const changed = (Object.keys(after) as (keyof PatientFields)[]).filter((k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]));
      if (changed.length === 0) return this.mustRead(u.id);
      updatePatientRow(this.db, u.id, after, nowIso(this.clock));
      const pick = (f: PatientFields) => Object.fromEntries(changed.map((k) => [k, f[k]]));
      const action = changed.length === 1 && changed[0] === 'active' ? (after.active ? 'patient.reactivate' : 'patient.deactivate') : 'patient.update';
      this.audit.append({ actor, action, entity: 'patient', entityId: u.id, oldValue: pick(before), newValue: pick(after), reason: u.reason });
      return this.mustRead(u.id);
    });
  }

  recordScreening(actorOrNull: Actor | null, input: In<typeof recordScreeningInput>): PatientView {
    const actor = requireActor(actorOrNull);
    const s = parseInput(recordScreeningInput, input);
    return atomically(this.db, () => {
      const before = this.mustRead(s.patientId).screening;
      if (before && !s.reason)
        throw refused('validation', { code: 'screening.reason-needed', params: { since: before.recordedAt } }, 'reason: this changes the screening on file; say why', 'reason');
      const b = (v: boolean) => (v ? 1 : 0);
      this.db
        .prepare(
          `INSERT INTO patient_screenings (patient_id, pregnancy, breastfeeding, immunological_disease, active_cancer, diabetes,
             anaesthetic_allergy, other, note, reason, recorded_by_id, recorded_by_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          s.patientId,
          b(s.pregnancy),
          b(s.breastfeeding),
          b(s.immunologicalDisease),
          b(s.activeCancer),
          b(s.diabetes),
          b(s.anaestheticAllergy),
          b(s.other),
          s.note || null,
          s.reason ?? null,
          actor.userId,
          actor.displayName,
          nowIso(this.clock),
        );
      const { patientId: _patientId, reason, ...answers } = s;
      this.audit.append({
        actor,
        action: before ? 'patient.screening-update' : 'patient.screening',
        entity: 'patient',
        entityId: s.patientId,
        oldValue: before,
        newValue: { ...answers, note: s.note || null, contraindications: contraindicationsOf(s) },
        reason: reason ?? null,
      });
      return this.mustRead(s.patientId);
    });
  }

  recordGrade(actorOrNull: Actor | null, input: In<typeof recordGradeInput>): PatientView {
    const actor = requireActor(actorOrNull);
    const g = parseInput(recordGradeInput, input);
    this.checkNotFuture('visitDate', g.visitDate);
    return atomically(this.db, () => {
      this.mustRead(g.patientId);
      const r = this.db
        .prepare('INSERT INTO patient_grades (patient_id, visit_date, scale, grade, note, recorded_by_id, recorded_by_name, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(g.patientId, g.visitDate, g.scale, g.grade, g.note || null, actor.userId, actor.displayName, nowIso(this.clock));
      this.audit.append({
        actor,
        action: 'patient.grade',
        entity: 'patient',
        entityId: g.patientId,
        oldValue: null,
        newValue: { gradeId: Number(r.lastInsertRowid), visitDate: g.visitDate, scale: g.scale, grade: g.grade, note: g.note || null },
      });
      return this.mustRead(g.patientId);
    });
  }

  /** An allergy in any script, with the reason it is recorded (a reaction at a session, the patient's history). */
  addAllergy(actorOrNull: Actor | null, input: In<typeof addAllergyInput>): PatientView {
    const actor = requireActor(actorOrNull);
    const a = parseInput(addAllergyInput, input);
    return atomically(this.db, () => {
      this.mustRead(a.patientId);
      const { code, recognised } = allergenCode(a.name);
      const same = currentAllergies(this.db, a.patientId).find((x) => x.code === code);
      if (same) throw refused('conflict', { code: 'allergy.already-recorded', params: { name: same.name, code } }, `name: ${a.name} is already recorded as ${same.name}`, 'name');
      const id = insertAllergy(this.db, { patientId: a.patientId, name: a.name, byId: actor.userId, byName: actor.displayName, at: nowIso(this.clock), reason: a.reason });
      this.audit.append({ actor, action: 'patient.allergy-add', entity: 'patient', entityId: a.patientId, oldValue: null, newValue: { allergyId: id, name: a.name, code, recognised }, reason: a.reason });
      return this.mustRead(a.patientId);
    });
  }

  removeAllergy(actorOrNull: Actor | null, input: In<typeof removeAllergyInput>): PatientView {
    const actor = requireActor(actorOrNull);
    const a = parseInput(removeAllergyInput, input);
    return atomically(this.db, () => {
      const entry = currentAllergies(this.db, a.patientId).find((x) => x.id === a.allergyId);
      if (!entry) throw notFound('allergy', a.allergyId, 'allergyId');
      removeAllergyRow(this.db, { id: entry.id, byId: actor.userId, byName: actor.displayName, at: nowIso(this.clock), reason: a.reason });
      this.audit.append({ actor, action: 'patient.allergy-remove', entity: 'patient', entityId: a.patientId, oldValue: { allergyId: entry.id, name: entry.name, code: entry.code }, newValue: null, reason: a.reason });
      return this.mustRead(a.patientId);
    });
  }

  private mustRead(id: number): PatientView {
    const p = readPatient(this.db, id);
    if (!p) throw missingPatient(id);
    return p;
  }

  private checkBirthDate(birthDate: string | null): void {
    if (birthDate) this.checkNotFuture('birthDate', birthDate);
  }

  /** Dates of things that have happened cannot be after today (the station's calendar). */
  private checkNotFuture(field: string, date: string): void {
    const today = todayIso(this.clock);
    if (date > today) throw fieldError(field, { code: 'validation.in-future', params: { today } }, `must not be in the future (today is ${today})`);
  }

  private clinicIdConflict(clinicId: string): CoreError {
    return refused('conflict', { code: 'patient.clinic-id-taken', params: { clinicId } }, 'clinicId: another patient already has this clinic id', 'clinicId');
  }
}

function missingPatient(id: number): CoreError {
  return notFound('patient', id);
}
