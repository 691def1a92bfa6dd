// Every migration, in order. Id ranges by area so parallel work never collides:
//   1-99    users, logins, audit trail, settings-in-db
//   100-199 patients, screening, consent, courses
//   200-299 serum library, lots
//   300-399 clinical sessions, workflow snapshots, dose ledger, limit events, signatures
//   400-499 exports
//   500-599 quality review (coded reasons, review queue, dose attributions)
import type { Migration } from '../migrate.js';
import { m300ClinicalSessions } from './300_clinical_sessions.js';
import { m301DoseLedger } from './301_dose_ledger.js';
import { m302SessionInterruptions } from './302_session_interruptions.js';
import { m310DoseProvenance } from './310_dose_provenance.js';
import { m311SessionStatusWords } from './311_session_status_words.js';
import { m312LimitEventReasons } from './312_limit_event_reasons.js';
import { m001Users } from './001_users.js';
import { m002Audit } from './002_audit.js';
import { m003AuditHeadMac } from './003_audit_head_mac.js';
import { m004UserLockouts } from './004_user_lockouts.js';
import { m012AuditFilterIndexes } from './012_audit_filter_indexes.js';
import { m020StationMode } from './020_station_mode.js';
import { m030UserLanguage } from './030_user_language.js';
import { m100Patients } from './100_patients.js';
import { m110Courses } from './110_courses.js';
import { m111SeedCourseTemplates } from './111_seed_course_templates.js';
import { m120PatientRecord } from './120_patient_record.js';
import { m121Consents } from './121_consents.js';
import { m122PatientPlans } from './122_patient_plans.js';
import { m130PatientSearchKey } from './130_patient_search_key.js';
import { m200SerumLibrary } from './200_serum_library.js';
import { m201SeedExampleSerums } from './201_seed_example_serums.js';
import { m210SerumSafety } from './210_serum_safety.js';
import { m220SerumGovernance } from './220_serum_governance.js';
import { m400ExportSecret } from './400_exports.js';
import { m401ExportIndexes } from './401_export_indexes.js';
import { m402DoseGunIndex } from './402_dose_gun_index.js';
import { m500ReasonCodes } from './500_reason_codes.js';
import { m501QualityReview } from './501_quality_review.js';
import { m502QualitySessionIndex } from './502_quality_session_index.js';
import { m503QualitySummaries } from './503_quality_summaries.js';

export const MIGRATIONS: readonly Migration[] = [
  // 1-99: users, audit
  m001Users,
  m002Audit,
  m003AuditHeadMac,
  m004UserLockouts,
  m012AuditFilterIndexes,
  m020StationMode,
  m030UserLanguage,
  // 100-199: patients, courses
  m100Patients,
  m110Courses,
  m111SeedCourseTemplates,
  m120PatientRecord,
  m121Consents,
  m122PatientPlans,
  m130PatientSearchKey,
  // 200-299: serum library, lots
  m200SerumLibrary,
  m201SeedExampleSerums,
  m210SerumSafety,
  m220SerumGovernance,
  // 300-399: clinical sessions, dose ledger
  m300ClinicalSessions,
  m301DoseLedger,
  m302SessionInterruptions,
  m310DoseProvenance,
  m311SessionStatusWords,
  m312LimitEventReasons,
  // 400-499: exports
  m400ExportSecret,
  m401ExportIndexes,
  m402DoseGunIndex,
  // 500-599: quality review
  m500ReasonCodes,
  m501QualityReview,
  m502QualitySessionIndex,
  m503QualitySummaries,
];
