// The languages the station speaks: its screens (the station's language, or a user's own choice) and
// its patient-facing text (the patient's preferred language: consent forms, aftercare, summaries).
import { z } from 'zod';

export const LANGUAGES = ['en', 'tr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, as a chooser shows it to someone who reads only that language. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', tr: 'Türkçe', es: 'Español' };

/**
 * The Intl locale each language formats numbers and dates with. English is en-GB for its day-month
 * order and 24-hour clock, which clinical records use; dates are written with the month's name, so no
 * reader takes 03/04 for the wrong day.
 */
export const LOCALE_TAGS: Record<Language, string> = { en: 'en-GB', tr: 'tr-TR', es: 'es-ES' };

export const language = z.enum(LANGUAGES, 'must be en, tr or es');
