// Signed-in frame: the navigation for the user's role and the current screen. The UI only hides what
// a role may not use; the core refuses it anyway.
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '../../electron/contract/users.js';
import { useAction, useApi } from '../api/hooks.js';
import { ChangePassword } from '../components/ChangePassword.js';
import { TrainingBanner } from '../components/Training.js';
import { scrollMainToTop } from '../components/focus.js';
import { NavigationContext, type Route, type StationFacts } from '../navigation.js';
import { ROUTES, mayOpen, navEntryOf, navFor, screenFor, startFor } from '../routes.js';
import { LanguageChooser, routeLabel, useT } from '../i18n/I18n.js';

interface Props {
  user: Me;
  stationName: string;
  /** Training mode: the simulated gun's panel sits at the foot of the navigation. */
  training: boolean;
  /** `gunDisarmed`: the gun was armed for this user and was disarmed first. */
  onLoggedOut: (gunDisarmed: boolean) => void;
  onLocked: (gunDisarmed: boolean) => void;
  onStationChanged: (station: StationFacts) => void;
  /** The user changed something of their own (their language): the shell takes the new Me at once. */
  onUserChanged: (me: Me) => void;
}

export function SignedIn({ user, training, onLoggedOut, onLocked, onStationChanged, onUserChanged }: Props) {
  const api = useApi();
  const t = useT();
  const [route, setRoute] = useState<Route>(() => startFor(user.role));
  const [changePw, setChangePw] = useState(user.mustChangePassword);
  const { run } = useAction();
  const navigation = useMemo(() => ({ route, navigate: setRoute }), [route]);

  // Keep the main area at the top when the screen changes.
  useEffect(() => scrollMainToTop(), [route]);

  const logout = async () => {
    const r = await run(() => api.call('auth.logout', {}));
    onLoggedOut(r?.gunDisarmed ?? false);
  };
  const lock = async () => {
    const r = await run(() => api.call('auth.lock', {}));
    if (r) onLocked(r.gunDisarmed);
  };

  const current = navEntryOf(route.name);
  return (
    <NavigationContext.Provider value={navigation}>
      <div className="app-main with-nav">
        <nav aria-label={t('nav.main')}>
          <ul className="nav-list">
            {navFor(user.role).map((to) => (
              <li key={to.name}>
                <button type="button" aria-current={current === to.name ? 'page' : undefined} onClick={() => setRoute(to)}>
                  {routeLabel(t, to.name, ROUTES[to.name].label)}
                </button>
              </li>
            ))}
          </ul>
          <div className="nav-user">
            <div>
              <div>{user.displayName}</div>
              <div className="muted small">
                {t('nav.userRole', { username: user.username, role: user.role })}
              </div>
            </div>
            <button type="button" className="secondary" onClick={() => setChangePw(true)}>
              {t('nav.changePassword')}
            </button>
            <button type="button" className="secondary" onClick={lock}>
              {t('nav.lock')}
            </button>
            <button type="button" className="secondary" onClick={logout}>
              {t('nav.logout')}
            </button>
            <LanguageChooser user={user} onChanged={onUserChanged} />
          </div>
          {training && <TrainingBanner placement="nav" />}
        </nav>
        <main className="content" id="main" tabIndex={-1}>
          <Screen route={route} user={user} onStationChanged={onStationChanged} />
        </main>
        {changePw && <ChangePassword forced={user.mustChangePassword} onClose={() => setChangePw(false)} />}
      </div>
    </NavigationContext.Provider>
  );
}

/** The registry's screen for the route, or the guard's refusal. */
function Screen({ route, user, onStationChanged }: { route: Route; user: Me; onStationChanged: (station: StationFacts) => void }): ReactNode {
  const t = useT();
  if (!mayOpen(route.name, user.role))
    return (
      <div className="card" role="alert">
        <h1>{t('nav.adminsOnly')}</h1>
        <p>{t('nav.adminsOnlyBody')}</p>
      </div>
    );
  return screenFor(route, { user, onStationChanged });
}
