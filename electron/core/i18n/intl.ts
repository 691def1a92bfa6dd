// The core's translations (FormatJS: ICU MessageFormat over the platform's Intl), for what the core
// writes itself in a person's language: patient-facing printouts. Screens are translated in the
// renderer; the core's reasons travel as codes with parameters and are worded there.
//
// A message that fails to format is an error, never a quietly English or empty line on a patient's
// sheet: onError throws.
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { LOCALE_TAGS, type Language } from '../../contract/languages.js';
import { en, type CoreCatalogue, type CoreMessageId } from './messages/en.js';
import { es } from './messages/es.js';
import { tr } from './messages/tr.js';

export const CORE_CATALOGUES: Record<Language, CoreCatalogue> = { en, tr, es };

export interface CoreIntl {
  language: Language;
  locale: string;
  t(id: CoreMessageId, values?: Record<string, string | number>): string;
  date(ms: number, style?: 'long' | 'medium'): string;
  dateTime(ms: number): string;
}

const cache = createIntlCache();
const made = new Map<Language, CoreIntl>();

export function coreIntl(language: Language): CoreIntl {
  let i = made.get(language);
  if (i) return i;
  const locale = LOCALE_TAGS[language];
  const intl: IntlShape<string> = createIntl(
    {
      locale,
      defaultLocale: LOCALE_TAGS.en,
      messages: CORE_CATALOGUES[language],
      onError: (e) => {
        throw e;
      },
    },
    cache,
  );
  i = {
    language,
    locale,
    t: (id, values) => intl.formatMessage({ id }, values),
    // The month by name: no reader takes 03/04 for the wrong day.
    date: (ms, style = 'long') => intl.formatDate(ms, { dateStyle: style }),
    dateTime: (ms) => intl.formatDate(ms, { dateStyle: 'long', timeStyle: 'short' }),
  };
  made.set(language, i);
  return i;
}
