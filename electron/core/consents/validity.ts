// When a consent allows a session: pure rules over what was signed and the form's later versions.
// A consent counts for its treatment while it is not withdrawn and no later version of its form asks
// patients to sign again. Only the patient's latest consent for a treatment counts: signing again
// supersedes, and a withdrawal is not undone by an older signature.
import type { Reason } from '../../contract/define.js';

export interface ConsentFacts {
  id: number;
  treatment: string;
  templateId: number;
  templateVersion: number;
  withdrawnAt: string | null;
}

export interface FormVersionFacts {
  templateId: number;
  version: number;
  requiresReconsent: boolean;
}

/** Null when the consent is valid; else why not (consent.withdrawn, consent.outdated). */
export function consentInvalidReason(c: ConsentFacts, versions: readonly FormVersionFacts[]): Reason | null {
  if (c.withdrawnAt !== null) return { code: 'consent.withdrawn', params: { consentId: c.id, withdrawnAt: c.withdrawnAt } };
  const newer = versions.filter((v) => v.templateId === c.templateId && v.version > c.templateVersion && v.requiresReconsent).map((v) => v.version);
  if (newer.length > 0) return { code: 'consent.outdated', params: { consentId: c.id, signedVersion: c.templateVersion, requiredVersion: Math.max(...newer) } };
  return null;
}

/**
 * Why a session of this treatment may not start for lack of consent; null when it may. `consents`
 * are the patient's, in any order; the latest (highest id) for the treatment decides.
 */
export function consentProblem(treatment: string, consents: readonly ConsentFacts[], versions: readonly FormVersionFacts[]): Reason | null {
  const latest = consents.filter((c) => c.treatment === treatment).reduce<ConsentFacts | null>((a, c) => (a === null || c.id > a.id ? c : a), null);
  if (!latest) return { code: 'consent.missing', params: { treatment } };
  return consentInvalidReason(latest, versions);
}
