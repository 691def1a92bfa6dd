// Builds the patients, consents, plans, courses and serum services over one database, audit trail
// and clock, in the shape the station's Services spreads in: `...createClinicalRecordServices({ db, audit, clock, signers })`.
import type { Clock } from '../clock.js';
import { ConsentService } from '../consents/service.js';
import { EnrolmentService } from '../courses/enrolments.js';
import { clinicalSessionDates, type CompletedSessionDates } from '../courses/sessionSource.js';
import { CourseTemplateService } from '../courses/templates.js';
import { PlanService } from '../plans/service.js';
import { SerumGovernance } from '../serum/governance.js';
import { SerumLibrary } from '../serum/library.js';
import { SerumLots } from '../serum/lots.js';
import type { Db } from '../storage/db.js';
import type { AuditPort } from '../audit/port.js';
import { PatientService } from './service.js';
import type { SignerPort } from './signers.js';

export interface ClinicalRecordServices {
  patients: PatientService;
  consents: ConsentService;
  plans: PlanService;
  courseTemplates: CourseTemplateService;
  enrolments: EnrolmentService;
  serumLibrary: SerumLibrary;
  serumLots: SerumLots;
  serumGovernance: SerumGovernance;
}

export function createClinicalRecordServices(deps: { db: Db; audit: AuditPort; clock: Clock; sessionDates?: CompletedSessionDates; signers?: SignerPort }): ClinicalRecordServices {
  const { db, audit, clock } = deps;
  const signers = deps.signers ?? null;
  const patients = new PatientService(db, audit, clock);
  const consents = new ConsentService(db, audit, clock, (id) => void patients.requireActive(id), signers);
  const courseTemplates = new CourseTemplateService(db, audit, clock);
  const enrolments = new EnrolmentService(db, audit, clock, patients, courseTemplates, deps.sessionDates ?? clinicalSessionDates(db));
  const serumLibrary = new SerumLibrary(db, audit, clock, signers);
  const serumLots = new SerumLots(db, audit, clock, serumLibrary);
  const serumGovernance = new SerumGovernance(db, audit, clock, serumLibrary, signers);
  const plans = new PlanService(db, audit, clock, patients, serumLibrary, enrolments);
  return { patients, consents, plans, courseTemplates, enrolments, serumLibrary, serumLots, serumGovernance };
}
