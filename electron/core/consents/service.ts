// Consent forms (admins keep them, versioned per treatment and language) and patients' consents
// (recorded on a form version with the patient's signature, withdrawn with a reason). Every change
// writes its audit entry in the same transaction.
import {
  consentTemplatesInput,
  recordConsentInput,
  saveConsentTemplateInput,
  withdrawConsentInput,
  type ConsentTemplateView,
  type ConsentView,
  type Treatment,
} from '../../contract/consents.js';
import type { Reason } from '../../contract/define.js';
import type { z } from 'zod';
import type { Actor } from '../access/actor.js';
import { atomically } from '../audit/atomically.js';
import type { Clock } from '../clock.js';
import { refused, notFound } from '../errors.js';
import type { AuditPort } from '../audit/port.js';
import { nowIso } from '../patients/dates.js';
import type { SignerPort } from '../patients/signers.js';
import { adminChange, parseInput, requireActor } from '../serviceChecks.js';
import type { Db } from '../storage/db.js';
import {
  consentById,
  consentFactsOfPatient,
  formVersionFacts,
  insertConsent,
  insertTemplate,
  insertTemplateVersion,
  insertWithdrawal,
  latestOfTemplate,
  latestTemplateVersions,
  templateIdFor,
  templateVersionById,
} from './repository.js';
import { consentProblem } from './validity.js';

export class ConsentService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditPort,
    private readonly clock: Clock,
    /** Checks that the patient exists and is active (the patients service). */
    private readonly requirePatient: (patientId: number) => void,
    private readonly signers: SignerPort | null,
  ) {}

  /** The latest version of every form (of one treatment, when given). */
  templates(input: z.input<typeof consentTemplatesInput>): ConsentTemplateView[] {
    const { treatment } = parseInput(consentTemplatesInput, input);
    return latestTemplateVersions(this.db, treatment);
  }

  /** A new form (a treatment and language without one), or the next version of a form. */
  saveTemplate(actorOrNull: Actor | null, input: z.input<typeof saveConsentTemplateInput>): ConsentTemplateView {
    return adminChange(this.db, actorOrNull, saveConsentTemplateInput, input, (actor, t) => {
      const at = nowIso(this.clock);
      let templateId: number;
      let before: ConsentTemplateView | null = null;
      if (t.templateId !== undefined) {
        before = latestOfTemplate(this.db, t.templateId);
        if (!before) throw notFound('consent-form', t.templateId, 'templateId');
        if (before.treatment !== t.treatment || before.language !== t.language)
          throw refused('validation', { code: 'consent.template-fixed', params: { treatment: before.treatment, language: before.language } }, 'language: a form keeps its treatment and language; add a new form for another', 'language');
        if (t.expectedVersion !== undefined && t.expectedVersion !== before.version)
          throw refused('conflict', { code: 'consent.template-changed', params: { version: before.version } }, `the form is now at version ${before.version}; reload it before editing`);
        templateId = t.templateId;
      } else {
        const existing = templateIdFor(this.db, t.treatment, t.language);
        if (existing !== null)
          throw refused('conflict', { code: 'consent.template-exists', params: { treatment: t.treatment, language: t.language } }, `there is already a ${t.language} form for ${t.treatment}; edit it`, 'language');
        templateId = insertTemplate(this.db, t.treatment, t.language, at);
      }
      const version = (before?.version ?? 0) + 1;
      const versionId = insertTemplateVersion(this.db, {
        templateId,
        version,
        title: t.title,
        body: t.body,
        requiresReconsent: t.requiresReconsent,
        at,
        byId: actor.userId,
        byName: actor.displayName,
        reason: t.reason,
      });
      const after = templateVersionById(this.db, versionId)!;
      this.audit.append({
        actor,
        action: before ? 'consent_template.update' : 'consent_template.create',
        entity: 'consent_template',
        entityId: templateId,
        oldValue: before && { version: before.version, title: before.title, body: before.body, requiresReconsent: before.requiresReconsent },
        newValue: { treatment: t.treatment, language: t.language, version, title: t.title, body: t.body, requiresReconsent: t.requiresReconsent },
        reason: t.reason,
      });
      return after;
    });
  }

  /** A patient's consent on a form version, signed by the patient (drawn) or by typed name with a witness. */
  async record(actorOrNull: Actor | null, input: z.input<typeof recordConsentInput>): Promise<ConsentView> {
    const actor = requireActor(actorOrNull);
    const c = parseInput(recordConsentInput, input);
    let witness: Actor | null = null;
    if (c.signature.kind === 'typed') {
      if (!this.signers) throw refused('internal', { code: 'internal.no-signature-check' }, 'no way to check a witness at this station');
      witness = await this.signers.authenticate(c.signature.witness.username, c.signature.witness.password);
      if (witness.userId === actor.userId)
        throw refused('validation', { code: 'consent.witness-is-obtainer', params: {} }, 'signature.witness.username: the witness must be another member of staff', 'signature.witness.username');
    }
    return atomically(this.db, () => {
      this.requirePatient(c.patientId);
      const form = templateVersionById(this.db, c.templateVersionId);
      if (!form) throw notFound('consent-form-version', c.templateVersionId, 'templateVersionId');
      const latest = latestOfTemplate(this.db, form.templateId)!;
      if (latest.version !== form.version)
        throw refused('conflict', { code: 'consent.form-superseded', params: { signedVersion: form.version, latestVersion: latest.version } }, `version ${form.version} of this form is superseded by version ${latest.version}; use the latest`, 'templateVersionId');
      const at = nowIso(this.clock);
      const s = c.signature;
      const id =
        s.kind === 'drawn'
          ? insertConsent(this.db, { patientId: c.patientId, templateVersionId: form.versionId, byId: actor.userId, byName: actor.displayName, at, kind: 'drawn', strokes: JSON.stringify({ width: s.width, height: s.height, strokes: s.strokes }) })
          : insertConsent(this.db, { patientId: c.patientId, templateVersionId: form.versionId, byId: actor.userId, byName: actor.displayName, at, kind: 'typed', typedName: s.typedName, witnessId: witness!.userId, witnessName: witness!.displayName });
      this.audit.append({
        actor,
        action: 'patient.consent',
        entity: 'patient',
        entityId: c.patientId,
        oldValue: null,
        newValue: {
          consentId: id,
          treatment: form.treatment,
          language: form.language,
          templateVersionId: form.versionId,
          version: form.version,
          signature: s.kind === 'drawn' ? { kind: 'drawn', strokes: s.strokes.length, points: s.strokes.reduce((n, st) => n + st.length, 0) } : { kind: 'typed', witness: witness!.username },
        },
      });
      return consentById(this.db, id)!;
    });
  }

  withdraw(actorOrNull: Actor | null, input: z.input<typeof withdrawConsentInput>): ConsentView {
    const actor = requireActor(actorOrNull);
    const w = parseInput(withdrawConsentInput, input);
    return atomically(this.db, () => {
      const c = consentById(this.db, w.consentId);
      if (!c || c.patientId !== w.patientId) throw notFound('consent', w.consentId, 'consentId');
      if (c.withdrawal) throw refused('conflict', { code: 'consent.already-withdrawn', params: { consentId: c.id, withdrawnAt: c.withdrawal.at } }, `consent ${c.id} was withdrawn on ${c.withdrawal.at}`);
      const at = nowIso(this.clock);
      insertWithdrawal(this.db, { consentId: c.id, at, byId: actor.userId, byName: actor.displayName, reason: w.reason });
      this.audit.append({ actor, action: 'patient.consent-withdrawn', entity: 'patient', entityId: w.patientId, oldValue: { consentId: c.id, withdrawn: false }, newValue: { consentId: c.id, withdrawn: true, at }, reason: w.reason });
      return consentById(this.db, c.id)!;
    });
  }

  /** Why a session of this treatment may not start for lack of a valid consent; null when it may. */
  problemFor(patientId: number, treatment: Treatment): Reason | null {
    return consentProblem(treatment, consentFactsOfPatient(this.db, patientId), formVersionFacts(this.db));
  }
}
