// The record's words for what the contract names by code: a patient's sex, the screening's
// contraindications and a past session's status. The catalogue says them
// (record.*); these tables say which entry, so every code has its words and the type checker sees one missing.
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
