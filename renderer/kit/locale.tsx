// The window's number locale: which decimal mark a typed figure uses ("20.5" in English, "20,5" in
// Turkish). One value for the whole window, given by the shell; the units module does the reading.
import { createContext, useContext, type ReactNode } from 'react';
import { DEFAULT_LOCALE } from '../../electron/contract/units.js';

const LocaleContext = createContext<string>(DEFAULT_LOCALE);

/** The locale this window's user reads numbers in: the browser's (Electron's: the system's) language, if Intl knows it. */
export function windowLocale(): string {
  const wanted = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  for (const tag of wanted) {
    if (!tag) continue;
    try {
      if (Intl.NumberFormat.supportedLocalesOf(tag).length > 0) return tag;
    } catch {
      // A malformed tag: try the next one.
    }
  }
  return DEFAULT_LOCALE;
}

export function LocaleProvider({ locale, children }: { locale: string; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): string {
  return useContext(LocaleContext);
}
