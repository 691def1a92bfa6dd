// The shell: decides between first run, login, lock and the signed-in screens; keeps the gun bar and
// the connection banners on every screen.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { StationCallError, type StationApi } from '../electron/contract/api.js';
import type { Me } from '../electron/contract/users.js';
import type { WsApi, TransportState } from './api/client.js';
import { ApiProvider } from './api/hooks.js';
import { GunProvider } from './gun.js';
import { GunBar } from './components/GunBar.js';
import { FirstRun } from './screens/FirstRun.js';
import { Login, LockScreen } from './screens/Login.js';
import { SignedIn } from './screens/SignedIn.js';
import { Refused } from './screens/Refused.js';
import { useIdleLock } from './components/useIdleLock.js';
import { focusMainControl } from './components/focus.js';

/** The skip link: to the screen's main control (the arm/disarm button in mesotherapy), not just to <main>. */
function skipToMainControl(e: React.MouseEvent) {
  e.preventDefault();
  focusMainControl();
}

export type AuthState =
  | { kind: 'loading' }
  | { kind: 'setup' }
  | { kind: 'login' }
  | { kind: 'locked'; user: Me | null }
  | { kind: 'in'; user: Me };

/** Wraps the api so that a 'locked' or 'unauthenticated' answer from any call moves the shell. */
function guard(api: StationApi, onAuthLost: (code: 'locked' | 'unauthenticated') => void): StationApi {
  return {
    call: async (method, input) => {
      try {
        return await api.call(method, input);
      } catch (e) {
        if (e instanceof StationCallError && (e.code === 'locked' || e.code === 'unauthenticated') && method !== 'auth.login' && method !== 'auth.unlock')
          onAuthLost(e.code);
        throw e;
      }
    },
    on: (event, cb) => api.on(event, cb),
  };
}

export function App({ api: rawApi, ws }: { api: StationApi; ws: WsApi | null }) {
  const [auth, setAuth] = useState<AuthState>({ kind: 'loading' });
  const [stationName, setStationName] = useState('');
  const [transport, setTransport] = useState<TransportState>(ws?.transport ?? 'open');
  // Only a connection that was up and went down is "lost"; the first connect is just "connecting".
  const [everOpen, setEverOpen] = useState(!ws);
  const [bootError, setBootError] = useState<string | null>(null);

  const api = useMemo(
    () =>
      guard(rawApi, (code) =>
        setAuth((a) => (code === 'locked' ? { kind: 'locked', user: a.kind === 'in' || a.kind === 'locked' ? a.user : null } : { kind: 'login' })),
      ),
    [rawApi],
  );

  const refresh = useCallback(async () => {
    try {
      const s = await api.call('setup.status', {});
      setStationName(s.stationName);
      if (s.needsSetup) return setAuth({ kind: 'setup' });
      const who = await api.call('auth.whoami', {});
      if (!who.user) setAuth({ kind: 'login' });
      else if (who.locked) setAuth({ kind: 'locked', user: who.user });
      else setAuth({ kind: 'in', user: who.user });
      setBootError(null);
    } catch (e) {
      setBootError(e instanceof Error ? e.message : String(e));
    }
  }, [api]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // A reconnected socket is a new connection: the host forgot the login, so ask again.
  useEffect(() => {
    if (!ws) return;
    const seen = (s: TransportState) => {
      setTransport(s);
      if (s === 'open') setEverOpen(true);
    };
    seen(ws.transport);
    return ws.onTransport((s) => {
      seen(s);
      if (s === 'open') void refresh();
    });
  }, [ws, refresh]);

  const toLocked = useCallback(() => setAuth((a) => (a.kind === 'in' ? { kind: 'locked', user: a.user } : a)), []);
  useEffect(() => api.on('session.locked', toLocked), [api, toLocked]);
  useIdleLock(api, auth.kind === 'in', toLocked);

  let body;
  if (transport === 'refused') body = <Refused refusal={ws?.refusal ?? null} />;
  else if (auth.kind === 'loading')
    body = (
      <main className="app-main" id="main" tabIndex={-1}>
        <div className="centered card">{bootError ? <p className="error" role="alert">{bootError}</p> : <p>Connecting to the station…</p>}</div>
      </main>
    );
  else if (auth.kind === 'setup') body = <FirstRun onDone={refresh} />;
  else if (auth.kind === 'login') body = <Login stationName={stationName} onLoggedIn={(user) => setAuth({ kind: 'in', user })} />;
  else if (auth.kind === 'locked') body = <LockScreen user={auth.user} onUnlocked={(user) => setAuth({ kind: 'in', user })} onLoggedOut={() => setAuth({ kind: 'login' })} />;
  else body = <SignedIn user={auth.user} stationName={stationName} onLoggedOut={() => setAuth({ kind: 'login' })} onLocked={toLocked} onStationRenamed={setStationName} />;

  return (
    <ApiProvider api={api}>
      <GunProvider api={api} online={transport === 'open'}>
      <div className="app">
        <a href="#main" className="skip-link" onClick={skipToMainControl}>
          Skip to the main control
        </a>
        <GunBar stationName={stationName} />
        {everOpen && (transport === 'closed' || transport === 'connecting') && (
          <div className="banner danger" role="alert">
            The connection to the station was lost. Reconnecting… Nothing already recorded is lost.
          </div>
        )}
        {body}
      </div>
      </GunProvider>
    </ApiProvider>
  );
}
