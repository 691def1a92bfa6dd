// The signed-in screens, each once: its name, label, who may open it, where it sits in the
// navigation, and the screen itself. The navigation, the admin-only guard and the screen switch
// (SignedIn.tsx) all derive from this table; adding a screen is one entry here (and its parameters
// in navigation.ts, which the compiler asks for).
import type { ReactNode } from 'react';
import type { Role } from '../electron/contract/define.js';
import type { Me } from '../electron/contract/users.js';
import type { NoParams, Route, RouteName, RouteParams, StationFacts } from './navigation.js';
import { Home } from './screens/Home.js';
import { NewPatient } from './screens/NewPatient.js';
import { PatientScreen } from './screens/Patient.js';
import { SessionScreen } from './session/SessionScreen.js';
import { SessionsBrowser } from './admin/SessionsBrowser.js';
import { SessionDetail } from './admin/SessionDetail.js';
import { GunsScreen } from './admin/Guns.js';
import { SerumLibrary } from './admin/SerumLibrary.js';
import { LotsScreen } from './admin/Lots.js';
import { ConsentFormsScreen } from './admin/ConsentForms.js';
import { UsersScreen } from './admin/Users.js';
import { AuditScreen } from './admin/Audit.js';
import { ExportsScreen } from './admin/Exports.js';
import { SettingsScreen } from './admin/Settings.js';
import { OpenReviewCard, ReviewQueue } from './admin/quality/ReviewQueue.js';
import { QualityDashboard } from './admin/quality/Dashboard.js';

/** What every screen may be given besides its parameters. */
export interface ScreenContext {
  user: Me;
  onStationChanged: (station: StationFacts) => void;
}

export interface RouteEntry<N extends RouteName> {
  /** Its name in the navigation. */
  label: string;
  /** Who may open it: 'admin' screens are refused to anyone else (the core refuses their calls anyway). */
  role: 'admin' | 'any';
  /**
   * In the navigation of this role, in the order of this table; absent: reached from another screen.
   * Only a screen that needs no parameters can be in the navigation.
   */
  nav?: NoParams extends RouteParams[N] ? Role : never;
  /** The navigation entry marked as current while this screen shows (a record opened from its list). */
  under?: RouteName;
  screen: (params: RouteParams[N], ctx: ScreenContext) => ReactNode;
}

export const ROUTES: { readonly [N in RouteName]: RouteEntry<N> } = {
  home: { label: 'Today', role: 'any', nav: 'clinician', screen: () => <Home /> },
  newPatient: { label: 'New patient', role: 'any', nav: 'clinician', screen: () => <NewPatient /> },
  patient: { label: 'Patient', role: 'any', screen: ({ id }, { user }) => <PatientScreen id={id} canTreat={user.role !== 'admin'} /> },
  session: { label: 'Session', role: 'any', screen: ({ id }, { user }) => <SessionScreen id={id} user={user} /> },
  sessions: {
    label: 'Session records',
    role: 'admin',
    nav: 'admin',
    // The admin's home: the review queue's open items above the records.
    screen: () => (
      <>
        <OpenReviewCard />
        <SessionsBrowser />
      </>
    ),
  },
  sessionDetail: { label: 'Session record', role: 'admin', under: 'sessions', screen: ({ id, from }) => <SessionDetail id={id} back={{ name: from ?? 'sessions' }} /> },
  sessionRecord: { label: 'Past session', role: 'any', screen: ({ id, patientId }) => <SessionDetail id={id} back={{ name: 'patient', id: patientId }} /> },
  reviewQueue: { label: 'Review queue', role: 'admin', nav: 'admin', screen: () => <ReviewQueue /> },
  quality: { label: 'Quality', role: 'admin', nav: 'admin', screen: () => <QualityDashboard /> },
  guns: { label: 'Guns', role: 'admin', nav: 'admin', screen: () => <GunsScreen /> },
  serums: { label: 'Serum library', role: 'admin', nav: 'admin', screen: (_p, { user }) => <SerumLibrary me={user} /> },
  lots: { label: 'Lots', role: 'admin', nav: 'admin', screen: () => <LotsScreen /> },
  consentForms: { label: 'Consent forms', role: 'admin', nav: 'admin', screen: () => <ConsentFormsScreen /> },
  users: { label: 'Users', role: 'admin', nav: 'admin', screen: (_p, { user }) => <UsersScreen me={user} /> },
  audit: { label: 'Audit trail', role: 'admin', nav: 'admin', screen: () => <AuditScreen /> },
  exports: { label: 'Exports', role: 'admin', nav: 'admin', screen: () => <ExportsScreen /> },
  settings: { label: 'Settings', role: 'admin', nav: 'admin', screen: (_p, { onStationChanged }) => <SettingsScreen onStationChanged={onStationChanged} /> },
};

const NAMES = Object.keys(ROUTES) as RouteName[];

/** The navigation of a role, in table order (each entry a route: navigation entries take no parameters). */
export function navFor(role: Role): Route[] {
  return NAMES.filter((n) => ROUTES[n].nav === role).map((name) => ({ name }) as Route);
}

/** The screen a role starts on: the first of its navigation. */
export function startFor(role: Role): Route {
  return navFor(role)[0] ?? { name: 'home' };
}

/** The screen of a route (TypeScript cannot pair a union's name with its own entry: the table's type does). */
export function screenFor(route: Route, ctx: ScreenContext): ReactNode {
  const entry = ROUTES[route.name] as RouteEntry<RouteName> & { screen: (params: Route, ctx: ScreenContext) => ReactNode };
  return entry.screen(route, ctx);
}

export function mayOpen(name: RouteName, role: Role): boolean {
  return ROUTES[name].role === 'any' || ROUTES[name].role === role;
}

/** The navigation entry that is current while `name` shows. */
export function navEntryOf(name: RouteName): RouteName {
  return ROUTES[name].under ?? name;
}
