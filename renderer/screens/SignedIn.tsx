// Signed-in frame: the navigation for the user's role and the current screen. The UI only hides what
// a role may not use; the core refuses it anyway.
import { useEffect, useState, type ReactNode } from 'react';
import type { Me } from '../../electron/contract/users.js';
import { useAction, useApi } from '../api/hooks.js';
import { ChangePassword } from '../components/ChangePassword.js';
import { TrainingBanner } from '../components/Training.js';
import { scrollMainToTop } from '../components/focus.js';
import { Home } from './Home.js';
import { NewPatient } from './NewPatient.js';
import { PatientScreen } from './Patient.js';
import { SessionScreen } from '../session/SessionScreen.js';
import { SessionsBrowser } from '../admin/SessionsBrowser.js';
import { SessionDetail } from '../admin/SessionDetail.js';
import { GunsScreen } from '../admin/Guns.js';
import { SerumLibrary } from '../admin/SerumLibrary.js';
import { LotsScreen } from '../admin/Lots.js';
import { ConsentFormsScreen } from '../admin/ConsentForms.js';
import { UsersScreen } from '../admin/Users.js';
import { AuditScreen } from '../admin/Audit.js';
import { ExportsScreen } from '../admin/Exports.js';
import { SettingsScreen } from '../admin/Settings.js';

export type Route =
  | { name: 'home' }
  | { name: 'newPatient' }
  | { name: 'patient'; id: number }
  | { name: 'session'; id: number }
  | { name: 'sessions' }
  | { name: 'sessionDetail'; id: number }
  /** A clinician reading a past session of a patient (read-only). */
  | { name: 'sessionRecord'; id: number; patientId: number }
  | { name: 'lots' }
  | { name: 'consentForms' }
  | { name: 'guns' }
  | { name: 'serums' }
  | { name: 'users' }
  | { name: 'audit' }
  | { name: 'exports' }
  | { name: 'settings' };

export type Go = (r: Route) => void;

const ADMIN_ROUTES = new Set<Route['name']>(['sessions', 'sessionDetail', 'guns', 'serums', 'lots', 'consentForms', 'users', 'audit', 'exports', 'settings']);

interface Props {
  user: Me;
  stationName: string;
  /** Training mode: the simulated gun's panel sits at the foot of the navigation. */
  training: boolean;
  /** `gunDisarmed`: the gun was armed for this user and was disarmed first. */
  onLoggedOut: (gunDisarmed: boolean) => void;
  onLocked: (gunDisarmed: boolean) => void;
  onStationRenamed: (name: string) => void;
}

export function SignedIn({ user, training, onLoggedOut, onLocked, onStationRenamed }: Props) {
  const api = useApi();
  const isAdmin = user.role === 'admin';
  const [route, setRoute] = useState<Route>(isAdmin ? { name: 'sessions' } : { name: 'home' });
  const [changePw, setChangePw] = useState(user.mustChangePassword);
  const { run } = useAction();

  // Keep the main area at the top when the screen changes.
  useEffect(() => scrollMainToTop(), [route]);

  const nav: [Route, string][] = isAdmin
    ? [
        [{ name: 'sessions' }, 'Session records'],
        [{ name: 'guns' }, 'Guns'],
        [{ name: 'serums' }, 'Serum library'],
        [{ name: 'lots' }, 'Lots'],
        [{ name: 'consentForms' }, 'Consent forms'],
        [{ name: 'users' }, 'Users'],
        [{ name: 'audit' }, 'Audit trail'],
        [{ name: 'exports' }, 'Exports'],
        [{ name: 'settings' }, 'Settings'],
      ]
    : [
        [{ name: 'home' }, 'Today'],
        [{ name: 'newPatient' }, 'New patient'],
      ];

  const logout = async () => {
    const r = await run(() => api.call('auth.logout', {}));
    onLoggedOut(r?.gunDisarmed ?? false);
  };
  const lock = async () => {
    const r = await run(() => api.call('auth.lock', {}));
    if (r) onLocked(r.gunDisarmed);
  };

  let screen: ReactNode;
  if (ADMIN_ROUTES.has(route.name) && !isAdmin)
    screen = (
      <div className="card" role="alert">
        <h1>Administrators only</h1>
        <p>This screen is for administrators.</p>
      </div>
    );
  else
    switch (route.name) {
      case 'home':
        screen = <Home go={setRoute} />;
        break;
      case 'newPatient':
        screen = <NewPatient go={setRoute} />;
        break;
      case 'patient':
        screen = <PatientScreen id={route.id} go={setRoute} canTreat={!isAdmin} />;
        break;
      case 'session':
        screen = <SessionScreen id={route.id} go={setRoute} user={user} />;
        break;
      case 'sessions':
        screen = <SessionsBrowser go={setRoute} />;
        break;
      case 'sessionDetail':
        screen = <SessionDetail id={route.id} go={setRoute} back={{ name: 'sessions' }} />;
        break;
      case 'sessionRecord':
        screen = <SessionDetail id={route.id} go={setRoute} back={{ name: 'patient', id: route.patientId }} />;
        break;
      case 'lots':
        screen = <LotsScreen />;
        break;
      case 'consentForms':
        screen = <ConsentFormsScreen />;
        break;
      case 'guns':
        screen = <GunsScreen />;
        break;
      case 'serums':
        screen = <SerumLibrary />;
        break;
      case 'users':
        screen = <UsersScreen me={user} />;
        break;
      case 'audit':
        screen = <AuditScreen />;
        break;
      case 'exports':
        screen = <ExportsScreen />;
        break;
      case 'settings':
        screen = <SettingsScreen onStationRenamed={onStationRenamed} />;
        break;
    }

  return (
    <div className="app-main with-nav">
      <nav aria-label="Main">
        <ul className="nav-list">
          {nav.map(([r, label]) => (
            <li key={r.name}>
              <button type="button" aria-current={route.name === r.name || (r.name === 'sessions' && route.name === 'sessionDetail') ? 'page' : undefined} onClick={() => setRoute(r)}>
                {label}
              </button>
            </li>
          ))}
        </ul>
        <div className="nav-user">
          <div>
            <div>{user.displayName}</div>
            <div className="muted small">
              {user.username} · {user.role}
            </div>
          </div>
          <button type="button" className="secondary" onClick={() => setChangePw(true)}>
            Change password
          </button>
          <button type="button" className="secondary" onClick={lock}>
            Lock
          </button>
          <button type="button" className="secondary" onClick={logout}>
            Log out
          </button>
        </div>
        {training && <TrainingBanner placement="nav" />}
      </nav>
      <main className="content" id="main" tabIndex={-1}>
        {screen}
      </main>
      {changePw && <ChangePassword forced={user.mustChangePassword} onClose={() => setChangePw(false)} />}
    </div>
  );
}
