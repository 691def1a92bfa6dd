// Builds the patients, courses and serum services over one database, audit trail and clock, in the
// shape the station's Services spreads in: `...createClinicalRecordServices({ db, audit, clock })`.
import type { Clock } from '../clock.js';
import { EnrolmentService } from '../courses/enrolments.js';
import { clinicalSessionDates, type CompletedSessionDates } from '../courses/sessionSource.js';
import { CourseTemplateService } from '../courses/templates.js';
import { SerumLibrary } from '../serum/library.js';
import { SerumLots } from '../serum/lots.js';
import type { Db } from '../storage/db.js';
import type { AuditSink } from './auditSink.js';
import { PatientService } from './service.js';

export interface ClinicalRecordServices {
  patients: PatientService;
  courseTemplates: CourseTemplateService;
  enrolments: EnrolmentService;
  serumLibrary: SerumLibrary;
  serumLots: SerumLots;
}

export function createClinicalRecordServices(deps: { db: Db; audit: AuditSink; clock: Clock; sessionDates?: CompletedSessionDates }): ClinicalRecordServices {
  const { db, audit, clock } = deps;
  const patients = new PatientService(db, audit, clock);
  const courseTemplates = new CourseTemplateService(db, audit, clock);
  const enrolments = new EnrolmentService(db, audit, clock, patients, courseTemplates, deps.sessionDates ?? clinicalSessionDates(db));
  const serumLibrary = new SerumLibrary(db, audit, clock);
  const serumLots = new SerumLots(db, audit, clock, serumLibrary);
  return { patients, courseTemplates, enrolments, serumLibrary, serumLots };
}
