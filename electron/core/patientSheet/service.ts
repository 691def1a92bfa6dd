// Makes the patient's sheet from the session record, in the patient's language unless another is
// asked for, and audits that it was printed (the language, never the content).
import type { Language } from '../../contract/languages.js';
import type { PatientSheet } from '../../contract/patientSheet.js';
import type { Phase, SessionView } from '../../contract/sessions.js';
import type { Actor } from '../access/actor.js';
import type { AuditTrail } from '../audit/trail.js';
import { refused } from '../errors.js';
import { coreIntl } from '../i18n/intl.js';
import { patientSheetPdf } from './pdf.js';

export interface PatientSheetDeps {
  session(sessionId: number): SessionView;
  patient(patientId: number): { fullName: string | null; preferredLanguage: Language | null };
  stationName(): string;
  stationLanguage(): Language;
  training: boolean;
  now(): number;
  audit: AuditTrail;
}

/** Phases after mesotherapy: what the sheet reports is then final, or (aborted) all there will be. */
const AFTER_MESOTHERAPY: ReadonlySet<Phase> = new Set(['closing', 'review', 'signed', 'aborted']);

export class PatientSheetService {
  constructor(private readonly deps: PatientSheetDeps) {}

  async make(actor: Actor, input: { sessionId: number; language?: Language }): Promise<PatientSheet> {
    const s = this.deps.session(input.sessionId);
    if (!AFTER_MESOTHERAPY.has(s.phase))
      throw refused('blocked', { code: 'patientSheet.too-early', params: { phase: s.phase } }, `the patient sheet is printed once mesotherapy is over; the session is in ${s.phase}`, 'sessionId');
    const patient = this.deps.patient(s.patientId);
    const language = input.language ?? patient.preferredLanguage ?? this.deps.stationLanguage();
    const printedAtMs = this.deps.now();
    const pdf = await patientSheetPdf(
      {
        sessionId: s.id,
        patientName: patient.fullName,
        clinicianName: s.clinician.displayName,
        startedAtMs: s.startedAt,
        serum: s.serum ? { name: s.serum.name, lotNumber: s.serum.lotNumber } : null,
        zones: s.zones,
        totalShots: s.totalShots,
        totalDeliveredNl: s.totalDeliveredNl,
        stationName: this.deps.stationName(),
        printedAtMs,
        training: this.deps.training,
      },
      coreIntl(language),
    );
    this.deps.audit.append({ actor, action: 'session.patient-sheet', entity: 'clinical_session', entityId: s.id, newValue: { language } });
    return { fileName: `session-${s.id}-patient-sheet-${language}${this.deps.training ? '-TRAINING' : ''}.pdf`, language, pdfBase64: pdf.toString('base64') };
  }
}
