// Where a signed-in user is, and how a screen sends them elsewhere. Screens import only this small
// module (never the shell or the route registry), so no screen and the shell import each other.
import type { Language } from '../electron/contract/languages.js';
import { createContext, useContext } from 'react';

/** A screen reached by its name alone. */
export type NoParams = Record<never, never>;

/** Each screen's parameters; the registry (routes.tsx) gives every name its label, role and screen. */
export interface RouteParams {
  home: NoParams;
  newPatient: NoParams;
  patient: { id: number };
  session: { id: number };
  sessions: NoParams;
  /** `from`: the screen the admin came from, which Back returns to (else the session records). */
  sessionDetail: { id: number; from?: 'quality' | 'reviewQueue' };
  /** A clinician reading a past session of a patient (read-only). */
  sessionRecord: { id: number; patientId: number };
  reviewQueue: NoParams;
  quality: NoParams;
  lots: NoParams;
  consentForms: NoParams;
  guns: NoParams;
  serums: NoParams;
  users: NoParams;
  audit: NoParams;
  exports: NoParams;
  settings: NoParams;
}

export type RouteName = keyof RouteParams;
export type Route = { [N in RouteName]: { name: N } & RouteParams[N] }[RouteName];
export type Navigate = (to: Route) => void;

export const NavigationContext = createContext<{ route: Route; navigate: Navigate } | null>(null);

/** Sends the user to another screen. */
export function useNavigate(): Navigate {
  const nav = useContext(NavigationContext);
  if (!nav) throw new Error('useNavigate outside the signed-in frame');
  return nav.navigate;
}

/** What the settings screen may change that the shell shows everywhere: the name, the language. */
export interface StationFacts {
  stationName: string;
  language: Language;
}
