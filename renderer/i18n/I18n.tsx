// The screens' language: react-intl over the catalogues, with the locale that numbers and dates are
// written in. Which language: the signed-in user's own choice, else the station's (the login and
// lock screens use the station's). The pseudo-locale (?pseudo=1 in the address) is for screenshots.
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { LOCALE_TAGS, type Language } from '../../electron/contract/languages.js';
import { en, type UiCatalogue, type UiMessageId } from './messages/en.js';
import { es } from './messages/es.js';
import { tr } from './messages/tr.js';
import { pseudoCatalogue } from './pseudo.js';

export const UI_CATALOGUES: Record<Language, UiCatalogue> = { en, tr, es };

/** The pseudo-locale's tag (a private-use English): numbers and dates as in English. */
export const PSEUDO_LOCALE = 'en-XA';

const LanguageContext = createContext<Language>('en');

export function pseudoLocaleWanted(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).get('pseudo') === '1';
}

export function I18nProvider({ language, pseudo = false, children }: { language: Language; pseudo?: boolean; children: ReactNode }) {
  const messages = useMemo(() => (pseudo ? pseudoCatalogue(en) : UI_CATALOGUES[language]), [language, pseudo]);
  // The page says which language it is in: screen readers pronounce it right, and the browser's
  // hyphenation and case rules (Turkish İ/ı) follow it.
  useEffect(() => {
    document.documentElement.lang = pseudo ? PSEUDO_LOCALE : LOCALE_TAGS[language];
  }, [language, pseudo]);
  return (
    <LanguageContext.Provider value={language}>
      <IntlProvider locale={pseudo ? PSEUDO_LOCALE : LOCALE_TAGS[language]} defaultLocale={LOCALE_TAGS.en} messages={messages} textComponent="span">
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}

export type Translate = (id: UiMessageId, values?: Record<string, string | number>) => string;

/** The catalogue's words for an id, in the window's language: t('login.title'). */
export function useT(): Translate {
  const intl = useIntl();
  return useMemo<Translate>(() => (id, values) => intl.formatMessage({ id }, values), [intl]);
}

/** The window's language (its Intl locale: useIntl().locale). */
export function useLanguage(): Language {
  return useContext(LanguageContext);
}
