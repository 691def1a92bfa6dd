// The languages a patient's record, consent form and aftercare come in, as a choice offers them.
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../electron/contract/patients.js';
import type { Options } from '../kit/index.js';

export const LANGUAGE_OPTIONS: Options<Language> = LANGUAGES.map((l) => [l, LANGUAGE_NAMES[l]] as const);
