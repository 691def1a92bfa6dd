// The record's words for what the contract names by code: a patient's sex, the screening's
// contraindications, the standard allergens and a past session's status. The catalogue says them
// (record.*); these tables say which entry, so every code has its words and the type checker sees one missing.
import type { AllergenCode } from '../../electron/contract/allergens.js';
import type { Contraindication, Sex } from '../../electron/contract/patients.js';
import type { SessionHistoryItem } from '../../electron/contract/sessions.js';
import type { UiMessageId } from '../i18n/messages/index.js';

export const SEX_WORDS: Record<Sex, UiMessageId> = { female: 'sex.female', male: 'sex.male', other: 'sex.other' };

export const CONTRAINDICATION_WORDS: Record<Contraindication, UiMessageId> = {
  pregnancy: 'contraindication.pregnancy',
  breastfeeding: 'contraindication.breastfeeding',
  immunologicalDisease: 'contraindication.immunologicalDisease',
  activeCancer: 'contraindication.activeCancer',
  diabetes: 'contraindication.diabetes',
  anaestheticAllergy: 'contraindication.anaestheticAllergy',
  other: 'contraindication.other',
};

export const SESSION_STATUS_WORDS: Record<SessionHistoryItem['status'], UiMessageId> = { signed: 'history.signed', aborted: 'history.aborted', in_progress: 'history.inProgress' };

/** The standard allergens a typed allergy is recognised as (contract/allergens.ts), named in the reader's language. */
export const ALLERGEN_WORDS: Record<AllergenCode, UiMessageId> = {
  'local-anaesthetic': 'allergen.localAnaesthetic',
  lidocaine: 'allergen.lidocaine',
  procaine: 'allergen.procaine',
  mepivacaine: 'allergen.mepivacaine',
  articaine: 'allergen.articaine',
  prilocaine: 'allergen.prilocaine',
  benzocaine: 'allergen.benzocaine',
  minoxidil: 'allergen.minoxidil',
  finasteride: 'allergen.finasteride',
  dutasteride: 'allergen.dutasteride',
  buflomedil: 'allergen.buflomedil',
  biotin: 'allergen.biotin',
  'hyaluronic-acid': 'allergen.hyaluronicAcid',
  caffeine: 'allergen.caffeine',
  panthenol: 'allergen.panthenol',
  'organic-silicium': 'allergen.organicSilicium',
  zinc: 'allergen.zinc',
  latex: 'allergen.latex',
  nickel: 'allergen.nickel',
  chlorhexidine: 'allergen.chlorhexidine',
  iodine: 'allergen.iodine',
  parabens: 'allergen.parabens',
  sulfites: 'allergen.sulfites',
  alcohol: 'allergen.alcohol',
};
