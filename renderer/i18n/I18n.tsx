// The screens' language: react-intl over the catalogues, with the locale that numbers and dates are
// written in. Which language: the signed-in user's own choice, else the station's (the login and
// lock screens use the station's). The pseudo-locale (?pseudo=1 in the address) is for screenshots.
import { createContext, useContext, useEffect, useId, useMemo, type ReactNode } from 'react';
import { LANGUAGES } from '../../electron/contract/languages.js';
import { FormattedMessage, IntlProvider, useIntl } from 'react-intl';
import { LANGUAGE_NAMES, LOCALE_TAGS, type Language } from '../../electron/contract/languages.js';
import type { Me } from '../../electron/contract/users.js';
import { useAction, useApi } from '../api/hooks.js';
import { en, es, tr, type UiCatalogue, type UiMessageId } from './messages/index.js';
import { pseudoCatalogue } from './pseudo.js';

export const UI_CATALOGUES: Record<Language, UiCatalogue> = { en, tr, es };

/** The pseudo-locale's tag (a private-use English): numbers and dates as in English. */
export const PSEUDO_LOCALE = 'en-XA';

const LanguageContext = createContext<Language>('en');
const StationLanguageContext = createContext<Language>('en');

/**
 * Before the station has said its language (a page with no key, the first paint): the browser's own,
 * if the station speaks it.
 */
export function browserLanguage(): Language {
  const wanted = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  for (const tag of wanted) {
    const base = tag?.toLowerCase().split('-')[0];
    if (base && (LANGUAGES as readonly string[]).includes(base)) return base as Language;
  }
  return 'en';
}

/** The tags a message may use for emphasis and for machine text: <b>bold</b>, <num>127.0.0.1</num>, <small>…</small>. */
const RICH = {
  b: (chunks: ReactNode[]) => <strong>{chunks}</strong>,
  num: (chunks: ReactNode[]) => <span className="num">{chunks}</span>,
  small: (chunks: ReactNode[]) => <span className="small">{chunks}</span>,
};

export function pseudoLocaleWanted(): boolean {
  return typeof location !== 'undefined' && new URLSearchParams(location.search).get('pseudo') === '1';
}

export function I18nProvider({ language, station, pseudo = false, children }: { language: Language; station: Language; pseudo?: boolean; children: ReactNode }) {
  const messages = useMemo(() => (pseudo ? pseudoCatalogue(en) : UI_CATALOGUES[language]), [language, pseudo]);
  // The page says which language it is in: screen readers pronounce it right, and the browser's
  // hyphenation and case rules (Turkish İ/ı) follow it.
  useEffect(() => {
    document.documentElement.lang = pseudo ? PSEUDO_LOCALE : LOCALE_TAGS[language];
  }, [language, pseudo]);
  return (
    <StationLanguageContext.Provider value={station}>
    <LanguageContext.Provider value={language}>
      <IntlProvider locale={pseudo ? PSEUDO_LOCALE : LOCALE_TAGS[language]} defaultLocale={LOCALE_TAGS.en} messages={messages} textComponent="span" defaultRichTextElements={RICH}>
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
    </StationLanguageContext.Provider>
  );
}

export type Translate = (id: UiMessageId, values?: Record<string, string | number>) => string;

/** The catalogue's words for an id, in the window's language: t('login.title'). */
export function useT(): Translate {
  const intl = useIntl();
  return useMemo<Translate>(() => (id, values) => intl.formatMessage({ id }, values), [intl]);
}

/** The station's language: what a user who chose none sees. */
export function useStationLanguage(): Language {
  return useContext(StationLanguageContext);
}

/** The window's language (its Intl locale: useIntl().locale). */
export function useLanguage(): Language {
  return useContext(LanguageContext);
}

/**
 * Patient-facing words (the aftercare sheet) in the patient's preferred language, inside a screen in
 * the clinician's: its own catalogue and number locale, and `lang` on the element that wraps it so
 * that it is read and hyphenated as that language. No preference, or the pseudo-locale: the window's.
 */
export function InLanguage({ language, children }: { language: Language | null | undefined; children: (lang: string | undefined) => ReactNode }) {
  const intl = useIntl();
  const windowLanguage = useLanguage();
  if (!language || language === windowLanguage || intl.locale === PSEUDO_LOCALE) return <>{children(undefined)}</>;
  return (
    <IntlProvider locale={LOCALE_TAGS[language]} defaultLocale={LOCALE_TAGS.en} messages={UI_CATALOGUES[language]} textComponent="span" defaultRichTextElements={RICH}>
      {children(LOCALE_TAGS[language])}
    </IntlProvider>
  );
}

/** A message with markup (<b>, <num>, <small>, or tags given in `values`), as React nodes. */
export function Msg({ id, values }: { id: UiMessageId; values?: Record<string, ReactNode | ((chunks: ReactNode[]) => ReactNode)> }) {
  return <FormattedMessage id={id} values={values} />;
}

/**
 * A screen's name in the navigation: its catalogue entry (route.<name>), else the registry's own
 * English label, which the pseudo-locale then shows unbracketed, so a screen added without its
 * translations stands out in the screenshots.
 */
export function routeLabel(t: Translate, name: string, fallback: string): string {
  const id = `route.${name}`;
  return id in en ? t(id as UiMessageId) : fallback;
}

/**
 * The signed-in user's own language, chosen from the navigation. It takes effect at once on this
 * window (the shell takes the new Me) and at the next call on the user's other windows.
 */
export function LanguageChooser({ user, onChanged }: { user: Me; onChanged: (me: Me) => void }) {
  const api = useApi();
  const t = useT();
  const station = useStationLanguage();
  const { busy, failure, run } = useAction();
  const choose = async (value: string) => {
    const me = await run(() => api.call('auth.setLanguage', { language: value === '' ? null : (value as Language) }));
    if (me) onChanged(me);
  };
  const id = useId();
  return (
    <div className="field small">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={user.language ?? ''} onChange={(e) => void choose(e.target.value)} disabled={busy} data-testid="language-chooser">
        <option value="">{t('language.station', { language: LANGUAGE_NAMES[station] })}</option>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={LOCALE_TAGS[l]}>
            {LANGUAGE_NAMES[l]}
          </option>
        ))}
      </select>
      {failure && <span role="alert">{failure.message}</span>}
    </div>
  );
}
