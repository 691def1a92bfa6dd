// Rows in, views out: consent form versions, consents and their withdrawals.
import type { ConsentSignatureView, ConsentTemplateView, ConsentView, Treatment } from '../../contract/consents.js';
import type { Language } from '../../contract/patients.js';
import type { Db } from '../storage/db.js';
import { authorshipView, insertVersionRow, type AuthorshipRow, type VersionAuthorship } from '../storage/versions.js';
import { consentInvalidReason, type ConsentFacts, type FormVersionFacts } from './validity.js';

interface VersionRow extends AuthorshipRow {
  id: number;
  template_id: number;
  treatment: Treatment;
  language: Language;
  version: number;
  title: string;
  body: string;
  requires_reconsent: number;
}

interface ConsentRow {
  id: number;
  patient_id: number;
  template_version_id: number;
  obtained_by_id: number;
  obtained_by_name: string;
  obtained_at: string;
  signature_kind: 'drawn' | 'typed';
  signature_strokes: string | null;
  typed_name: string | null;
  witness_id: number | null;
  witness_name: string | null;
  template_id: number;
  treatment: Treatment;
  language: Language;
  version: number;
  title: string;
  withdrawn_at: string | null;
  withdrawn_by_id: number | null;
  withdrawn_by_name: string | null;
  withdrawal_reason: string | null;
}

const VERSION_SELECT = 'SELECT v.*, t.treatment, t.language FROM consent_template_versions v JOIN consent_templates t ON t.id = v.template_id';

function versionView(r: VersionRow): ConsentTemplateView {
  return {
    templateId: r.template_id,
    versionId: r.id,
    version: r.version,
    treatment: r.treatment,
    language: r.language,
    title: r.title,
    body: r.body,
    requiresReconsent: r.requires_reconsent === 1,
    ...authorshipView(r),
  };
}

export function latestTemplateVersions(db: Db, treatment?: Treatment): ConsentTemplateView[] {
  const rows = db
    .prepare(
      `${VERSION_SELECT} WHERE v.version = (SELECT MAX(version) FROM consent_template_versions WHERE template_id = v.template_id)
       ${treatment ? 'AND t.treatment = ?' : ''} ORDER BY t.treatment, t.language`,
    )
    .all(...(treatment ? [treatment] : [])) as VersionRow[];
  return rows.map(versionView);
}

export function templateVersionById(db: Db, versionId: number): ConsentTemplateView | null {
  const r = db.prepare(`${VERSION_SELECT} WHERE v.id = ?`).get(versionId) as VersionRow | undefined;
  return r ? versionView(r) : null;
}

export function latestOfTemplate(db: Db, templateId: number): ConsentTemplateView | null {
  const r = db.prepare(`${VERSION_SELECT} WHERE v.template_id = ? ORDER BY v.version DESC LIMIT 1`).get(templateId) as VersionRow | undefined;
  return r ? versionView(r) : null;
}

export function templateIdFor(db: Db, treatment: Treatment, language: Language): number | null {
  const r = db.prepare('SELECT id FROM consent_templates WHERE treatment = ? AND language = ?').get(treatment, language) as { id: number } | undefined;
  return r?.id ?? null;
}

export function insertTemplate(db: Db, treatment: Treatment, language: Language, at: string): number {
  return Number(db.prepare('INSERT INTO consent_templates (treatment, language, created_at) VALUES (?, ?, ?)').run(treatment, language, at).lastInsertRowid);
}

export function insertTemplateVersion(db: Db, v: { templateId: number; version: number; title: string; body: string; requiresReconsent: boolean } & VersionAuthorship): number {
  const columns = { template_id: v.templateId, version: v.version, title: v.title, body: v.body, requires_reconsent: v.requiresReconsent ? 1 : 0 };
  return insertVersionRow(db, 'consent_template_versions', columns, v);
}

/** Every form version's facts the validity rule reads (small: a handful of forms). */
export function formVersionFacts(db: Db): FormVersionFacts[] {
  return (db.prepare('SELECT template_id, version, requires_reconsent FROM consent_template_versions').all() as { template_id: number; version: number; requires_reconsent: number }[]).map(
    (r) => ({ templateId: r.template_id, version: r.version, requiresReconsent: r.requires_reconsent === 1 }),
  );
}

const CONSENT_SELECT = `
  SELECT c.*, v.template_id, v.version, v.title, t.treatment, t.language,
         w.withdrawn_at, w.recorded_by_id AS withdrawn_by_id, w.recorded_by_name AS withdrawn_by_name, w.reason AS withdrawal_reason
  FROM consents c
  JOIN consent_template_versions v ON v.id = c.template_version_id
  JOIN consent_templates t ON t.id = v.template_id
  LEFT JOIN consent_withdrawals w ON w.consent_id = c.id`;

function facts(r: ConsentRow): ConsentFacts {
  return { id: r.id, treatment: r.treatment, templateId: r.template_id, templateVersion: r.version, withdrawnAt: r.withdrawn_at };
}

function signatureOf(r: ConsentRow): ConsentSignatureView {
  if (r.signature_kind === 'drawn') return { kind: 'drawn', ...(JSON.parse(r.signature_strokes ?? '{}') as { width: number; height: number; strokes: [number, number][][] }) };
  return { kind: 'typed', typedName: r.typed_name ?? '', witnessedBy: { userId: r.witness_id ?? 0, name: r.witness_name ?? '' } };
}

function consentView(r: ConsentRow, versions: readonly FormVersionFacts[]): ConsentView {
  const invalidReason = consentInvalidReason(facts(r), versions);
  return {
    id: r.id,
    patientId: r.patient_id,
    treatment: r.treatment,
    language: r.language,
    templateId: r.template_id,
    templateVersionId: r.template_version_id,
    templateVersion: r.version,
    title: r.title,
    obtainedBy: { userId: r.obtained_by_id, name: r.obtained_by_name },
    obtainedAt: r.obtained_at,
    signature: signatureOf(r),
    withdrawal: r.withdrawn_at === null ? null : { at: r.withdrawn_at, by: { userId: r.withdrawn_by_id ?? 0, name: r.withdrawn_by_name ?? '' }, reason: r.withdrawal_reason ?? '' },
    valid: invalidReason === null,
    invalidReason,
  };
}

/** The patient's consents, newest first, each with its validity. */
export function consentsOfPatient(db: Db, patientId: number): ConsentView[] {
  const versions = formVersionFacts(db);
  return (db.prepare(`${CONSENT_SELECT} WHERE c.patient_id = ? ORDER BY c.id DESC`).all(patientId) as ConsentRow[]).map((r) => consentView(r, versions));
}

export function consentById(db: Db, id: number): ConsentView | null {
  const r = db.prepare(`${CONSENT_SELECT} WHERE c.id = ?`).get(id) as ConsentRow | undefined;
  return r ? consentView(r, formVersionFacts(db)) : null;
}

export function consentFactsOfPatient(db: Db, patientId: number): ConsentFacts[] {
  return (db.prepare(`${CONSENT_SELECT} WHERE c.patient_id = ?`).all(patientId) as ConsentRow[]).map(facts);
}

export function insertConsent(
  db: Db,
  c: { patientId: number; templateVersionId: number; byId: number; byName: string; at: string } & (
    | { kind: 'drawn'; strokes: string }
    | { kind: 'typed'; typedName: string; witnessId: number; witnessName: string }
  ),
): number {
  const r = db
    .prepare(
      `INSERT INTO consents (patient_id, template_version_id, obtained_by_id, obtained_by_name, obtained_at, signature_kind, signature_strokes, typed_name, witness_id, witness_name)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      c.patientId,
      c.templateVersionId,
      c.byId,
      c.byName,
      c.at,
      c.kind,
      c.kind === 'drawn' ? c.strokes : null,
      c.kind === 'typed' ? c.typedName : null,
      c.kind === 'typed' ? c.witnessId : null,
      c.kind === 'typed' ? c.witnessName : null,
    );
  return Number(r.lastInsertRowid);
}

export function insertWithdrawal(db: Db, w: { consentId: number; at: string; byId: number; byName: string; reason: string }): void {
  db.prepare('INSERT INTO consent_withdrawals (consent_id, withdrawn_at, recorded_by_id, recorded_by_name, reason) VALUES (?, ?, ?, ?, ?)').run(w.consentId, w.at, w.byId, w.byName, w.reason);
}
