// Columns of the session-level and zone-level CSVs, and of the lot-recall CSVs, over SessionReport.
// Patient identifiers (and any free text) are absent from a pseudonymised export's columns
// altogether, not just emptied, so nobody mistakes an empty column for a missing name.
import type { JsColumn } from '../csv/rowWriter.js';
import type { SessionReport, ZoneTotal } from '../model.js';
import { isoUtc } from '../time.js';

type Col<T> = JsColumn<T> | null;
const keep = <T>(cols: Col<T>[]): JsColumn<T>[] => cols.filter((c): c is JsColumn<T> => c !== null);

function count(r: SessionReport, kinds: string[]): number {
  return r.limitEvents.filter((e) => kinds.includes(e.kind)).length;
}

function signature(r: SessionReport, meaning: string) {
  return r.signatures.find((s) => s.meaning === meaning) ?? null;
}

function yesNo(v: boolean | undefined | null): string | null {
  return v === undefined || v === null ? null : v ? 'yes' : 'no';
}

function patientColumns<T>(pseudonymise: boolean, get: (row: T) => SessionReport['patient']): Col<T>[] {
  return [
    { header: 'patient_code', kind: 'text', value: (x) => get(x).code },
    pseudonymise ? null : { header: 'patient_name', kind: 'text', value: (x) => get(x).fullName },
    pseudonymise ? null : { header: 'patient_birth_date', kind: 'text', value: (x) => get(x).birthDate },
    pseudonymise ? null : { header: 'patient_clinic_id', kind: 'text', value: (x) => get(x).clinicId },
  ];
}

/** What a zone or recall row starts with: its session, then its patient. */
function sessionHeadColumns<T>(pseudonymise: boolean, get: (row: T) => SessionReport): Col<T>[] {
  return [
    { header: 'session_id', kind: 'number', value: (x) => get(x).sessionId },
    { header: 'session_status', kind: 'text', value: (x) => get(x).status },
    { header: 'session_started_at', kind: 'text', value: (x) => isoUtc(get(x).startedAtMs) },
    ...patientColumns<T>(pseudonymise, (x) => get(x).patient),
  ];
}

export function sessionColumns(pseudonymise: boolean): JsColumn<SessionReport>[] {
  return keep<SessionReport>([
    { header: 'session_id', kind: 'number', value: (r) => r.sessionId },
    { header: 'session_status', kind: 'text', value: (r) => r.status },
    { header: 'phase', kind: 'text', value: (r) => r.phase },
    { header: 'session_started_at', kind: 'text', value: (r) => isoUtc(r.startedAtMs) },
    { header: 'session_closed_at', kind: 'text', value: (r) => isoUtc(r.closedAtMs) },
    ...patientColumns<SessionReport>(pseudonymise, (r) => r.patient),
    { header: 'patient_sex', kind: 'text', value: (r) => r.patient.sex },
    { header: 'course_id', kind: 'number', value: (r) => r.courseId },
    { header: 'clinician_user_id', kind: 'number', value: (r) => r.clinician.userId },
    { header: 'clinician_username', kind: 'text', value: (r) => r.clinician.username },
    pseudonymise ? null : { header: 'clinician_name', kind: 'text', value: (r) => r.clinician.displayName },
    { header: 'performed_signed_by', kind: 'text', value: (r) => signature(r, 'performed')?.username ?? null },
    { header: 'performed_signed_at', kind: 'text', value: (r) => isoUtc(signature(r, 'performed')?.signedAtMs ?? null) },
    { header: 'reviewed_signed_by', kind: 'text', value: (r) => signature(r, 'reviewed')?.username ?? null },
    { header: 'reviewed_signed_at', kind: 'text', value: (r) => isoUtc(signature(r, 'reviewed')?.signedAtMs ?? null) },
    { header: 'gun_serial', kind: 'text', value: (r) => r.gun.serial },
    { header: 'gun_model', kind: 'text', value: (r) => r.gun.model },
    { header: 'gun_firmware', kind: 'text', value: (r) => r.gun.firmware },
    { header: 'serum_version_id', kind: 'number', value: (r) => r.serum.serumVersionId },
    { header: 'serum_name', kind: 'text', value: (r) => r.serum.name },
    { header: 'serum_library_version', kind: 'number', value: (r) => r.serum.libraryVersion },
    { header: 'lot_number', kind: 'text', value: (r) => r.serum.lotNumber },
    { header: 'lot_expiry', kind: 'text', value: (r) => r.serum.expiry },
    { header: 'steam_started_at', kind: 'text', value: (r) => isoUtc(r.thermo.steam?.startedAtMs ?? null) },
    { header: 'steam_ended_at', kind: 'text', value: (r) => isoUtc(r.thermo.steam?.endedAtMs ?? null) },
    { header: 'steam_active_s', kind: 'number', value: (r) => (r.thermo.steam?.activeMs == null ? null : Math.round(r.thermo.steam.activeMs / 1000)) },
    { header: 'massage_started_at', kind: 'text', value: (r) => isoUtc(r.thermo.massage?.startedAtMs ?? null) },
    { header: 'massage_ended_at', kind: 'text', value: (r) => isoUtc(r.thermo.massage?.endedAtMs ?? null) },
    { header: 'massage_active_s', kind: 'number', value: (r) => (r.thermo.massage?.activeMs == null ? null : Math.round(r.thermo.massage.activeMs / 1000)) },
    { header: 'thermo_skipped_at', kind: 'text', value: (r) => isoUtc(r.thermo.skipped?.atMs ?? null) },
    { header: 'thermo_skip_approved_by', kind: 'text', value: (r) => r.thermo.skipped?.approvedBy ?? null },
    pseudonymise ? null : { header: 'thermo_skip_reason', kind: 'text', value: (r) => r.thermo.skipped?.reason ?? null },
    { header: 'shots', kind: 'number', value: (r) => r.totals.shots },
    { header: 'delivered_nl', kind: 'number', value: (r) => r.totals.deliveredNl },
    { header: 'commanded_nl', kind: 'number', value: (r) => r.totals.commandedNl },
    { header: 'shots_with_fault', kind: 'number', value: (r) => r.totals.faults },
    { header: 'limit_events', kind: 'number', value: (r) => r.limitEvents.length },
    { header: 'overrides', kind: 'number', value: (r) => count(r, ['soft_ack']) },
    { header: 'soft_stops', kind: 'number', value: (r) => count(r, ['soft_stop']) },
    { header: 'hard_stops', kind: 'number', value: (r) => count(r, ['hard_stop', 'hard_block']) },
    { header: 'near_misses', kind: 'number', value: (r) => count(r, ['near_miss']) },
    { header: 'overrides_per_100_shots', kind: 'number', value: (r) => (r.totals.shots === 0 ? null : Math.round((count(r, ['soft_ack']) * 10000) / r.totals.shots) / 100) },
    { header: 'oil_serum_applied', kind: 'text', value: (r) => yesNo(r.closing?.oilSerumApplied) },
    { header: 'aftercare_given', kind: 'text', value: (r) => yesNo(r.closing?.aftercareGiven) },
    { header: 'closing_at', kind: 'text', value: (r) => isoUtc(r.closing?.atMs ?? null) },
    pseudonymise ? null : { header: 'closing_notes', kind: 'text', value: (r) => r.closing?.notes ?? null },
    { header: 'aborted_at', kind: 'text', value: (r) => isoUtc(r.abort?.atMs ?? null) },
    { header: 'aborted_in_phase', kind: 'text', value: (r) => r.abort?.phase ?? null },
    pseudonymise ? null : { header: 'abort_reason', kind: 'text', value: (r) => r.abort?.reason ?? null },
    { header: 'addenda', kind: 'number', value: (r) => r.addenda.length },
  ]);
}

export interface ZoneRow {
  report: SessionReport;
  zone: ZoneTotal;
}

export function zoneColumns(pseudonymise: boolean): JsColumn<ZoneRow>[] {
  return keep<ZoneRow>([
    ...sessionHeadColumns<ZoneRow>(pseudonymise, (x) => x.report),
    { header: 'clinician_user_id', kind: 'number', value: (x) => x.report.clinician.userId },
    { header: 'clinician_username', kind: 'text', value: (x) => x.report.clinician.username },
    { header: 'serum_version_id', kind: 'number', value: (x) => x.report.serum.serumVersionId },
    { header: 'lot_number', kind: 'text', value: (x) => x.report.serum.lotNumber },
    { header: 'zone', kind: 'text', value: (x) => x.zone.zone },
    { header: 'shots', kind: 'number', value: (x) => x.zone.shots },
    { header: 'delivered_nl', kind: 'number', value: (x) => x.zone.deliveredNl },
    { header: 'commanded_nl', kind: 'number', value: (x) => x.zone.commandedNl },
    { header: 'target_nl', kind: 'number', value: (x) => x.zone.targetNl },
    { header: 'shots_with_fault', kind: 'number', value: (x) => x.zone.faults },
  ]);
}

export interface RecallSessionRow {
  report: SessionReport;
  lotShots: number;
  lotDeliveredNl: number;
}

export function recallSessionColumns(pseudonymise: boolean): JsColumn<RecallSessionRow>[] {
  return keep<RecallSessionRow>([
    ...sessionHeadColumns<RecallSessionRow>(pseudonymise, (x) => x.report),
    { header: 'clinician_username', kind: 'text', value: (x) => x.report.clinician.username },
    { header: 'gun_serial', kind: 'text', value: (x) => x.report.gun.serial },
    { header: 'session_lot_number', kind: 'text', value: (x) => x.report.serum.lotNumber },
    { header: 'shots_from_lot', kind: 'number', value: (x) => x.lotShots },
    { header: 'delivered_nl_from_lot', kind: 'number', value: (x) => x.lotDeliveredNl },
    { header: 'session_shots', kind: 'number', value: (x) => x.report.totals.shots },
    { header: 'session_delivered_nl', kind: 'number', value: (x) => x.report.totals.deliveredNl },
  ]);
}

export interface RecallPatientRow {
  patient: SessionReport['patient'];
  sessions: number;
  firstSessionMs: number;
  lastSessionMs: number;
  lotShots: number;
  lotDeliveredNl: number;
}

export function recallPatientColumns(pseudonymise: boolean): JsColumn<RecallPatientRow>[] {
  return keep<RecallPatientRow>([
    ...patientColumns<RecallPatientRow>(pseudonymise, (x) => x.patient),
    // How to reach each patient of a recall (absent, not empty, when pseudonymised).
    pseudonymise ? null : { header: 'patient_phone', kind: 'text', value: (x) => x.patient.contact?.phone ?? null },
    pseudonymise ? null : { header: 'patient_email', kind: 'text', value: (x) => x.patient.contact?.email ?? null },
    pseudonymise ? null : { header: 'patient_language', kind: 'text', value: (x) => x.patient.contact?.preferredLanguage ?? null },
    { header: 'patient_sex', kind: 'text', value: (x) => x.patient.sex },
    { header: 'sessions', kind: 'number', value: (x) => x.sessions },
    { header: 'first_session_at', kind: 'text', value: (x) => isoUtc(x.firstSessionMs) },
    { header: 'last_session_at', kind: 'text', value: (x) => isoUtc(x.lastSessionMs) },
    { header: 'shots_from_lot', kind: 'number', value: (x) => x.lotShots },
    { header: 'delivered_nl_from_lot', kind: 'number', value: (x) => x.lotDeliveredNl },
  ]);
}
