// The window's number locale: which decimal mark a typed figure uses ("20.5" in English, "20,5" in
// Turkish). One value for the whole window, given by the shell from the window's language (App.tsx);
// the units module does the reading.
import { createContext, useContext, type ReactNode } from 'react';
import { DEFAULT_LOCALE } from '../../electron/contract/units.js';

const LocaleContext = createContext<string>(DEFAULT_LOCALE);

export function LocaleProvider({ locale, children }: { locale: string; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): string {
  return useContext(LocaleContext);
}
