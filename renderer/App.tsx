// The shell: decides between first run, login, lock and the signed-in screens; keeps the gun bar and
// the connection banners on every screen.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { StationMode } from '../electron/contract/station.js';
import { StationCallError, type StationApi } from '../electron/contract/api.js';
import type { Me } from '../electron/contract/users.js';
import type { WsApi, TransportState } from './api/client.js';
import { ApiProvider } from './api/hooks.js';
import { GunProvider, useGun } from './gun.js';
import { GunBar } from './components/GunBar.js';
import { TrainingBanner } from './components/Training.js';
import { NoGunScreen, noGunFound } from './screens/NoGun.js';
import { FirstRun } from './screens/FirstRun.js';
import { Login, LockScreen } from './screens/Login.js';
import { SignedIn } from './screens/SignedIn.js';
import { Refused } from './screens/Refused.js';
import { useActivity } from './components/useActivity.js';
import { focusMainControl } from './components/focus.js';
import { LocaleProvider } from './kit/locale.js';
import { I18nProvider, Msg, browserLanguage, pseudoLocaleWanted } from './i18n/I18n.js';
import { LOCALE_TAGS, type Language } from '../electron/contract/languages.js';

/** The skip link: to the screen's main control (the arm/disarm button in mesotherapy), not just to <main>. */
function skipToMainControl(e: React.MouseEvent) {
  e.preventDefault();
  focusMainControl();
}

export type AuthState =
  | { kind: 'loading' }
  | { kind: 'setup' }
  /** `gunDisarmedBy`: the last logout disarmed the gun first (the login screen says so); null: by a user it cannot name. */
  | { kind: 'login'; gunDisarmedBy?: string | null }
  /** `gunDisarmed`: the gun was armed for this user and was disarmed before the lock. */
  | { kind: 'locked'; user: Me | null; gunDisarmed: boolean }
  | { kind: 'in'; user: Me };

/**
 * A clinical station with no gun found says so first (and keeps looking): the user carries on
 * without a gun, or tries the station in training mode.
 */
function NoGunGate({ mode, children }: { mode: StationMode | null; children: ReactNode }) {
  const gun = useGun();
  const [carryOn, setCarryOn] = useState(false);
  if (mode === 'clinical' && !carryOn && gun && noGunFound(gun)) return <NoGunScreen gun={gun} onContinue={() => setCarryOn(true)} />;
  return <>{children}</>;
}

/**
 * Wraps the api so that a 'locked' or 'unauthenticated' answer from any call moves the shell. A wrong
 * password at a signature names its field: the form says so, and the user stays signed in.
 */
function guard(api: StationApi, onAuthLost: (code: 'locked' | 'unauthenticated') => void): StationApi {
  return {
    call: async (method, input, options) => {
      try {
        return await api.call(method, input, options);
      } catch (e) {
        if (e instanceof StationCallError && (e.code === 'locked' || (e.code === 'unauthenticated' && e.field === undefined)) && method !== 'auth.login' && method !== 'auth.unlock')
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
  const [stationLanguage, setStationLanguage] = useState<Language>(browserLanguage);
  const pseudo = useMemo(pseudoLocaleWanted, []);
  const [mode, setMode] = useState<StationMode | null>(null);
  const [transport, setTransport] = useState<TransportState>(ws?.transport ?? 'open');
  // Only a connection that was up and went down is "lost"; the first connect is just "connecting".
  const [everOpen, setEverOpen] = useState(!ws);
  const [bootError, setBootError] = useState<string | null>(null);

  const api = useMemo(
    () =>
      guard(rawApi, (code) =>
        setAuth((a) =>
          // Already there (a call answered after the lock or logout it followed): keep what that screen says.
          code === 'locked' ? (a.kind === 'locked' ? a : { kind: 'locked', user: a.kind === 'in' ? a.user : null, gunDisarmed: false }) : a.kind === 'login' ? a : { kind: 'login' },
        ),
      ),
    [rawApi],
  );

  const refresh = useCallback(async () => {
    try {
      const s = await api.call('setup.status', {});
      setStationName(s.stationName);
      // A station not yet set up has chosen no language: its first run speaks the browser's (and asks).
      setStationLanguage(s.needsSetup ? browserLanguage() : s.language);
      setMode(s.mode);
      if (s.needsSetup) return setAuth({ kind: 'setup' });
      const who = await api.call('auth.whoami', {});
      if (!who.user) setAuth({ kind: 'login' });
      else if (who.locked) setAuth((a) => ({ kind: 'locked', user: who.user, gunDisarmed: a.kind === 'locked' && a.gunDisarmed }));
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

  const toLocked = useCallback(
    (gunDisarmed: boolean) =>
      setAuth((a) => (a.kind === 'in' ? { kind: 'locked', user: a.user, gunDisarmed } : a.kind === 'locked' ? { ...a, gunDisarmed: a.gunDisarmed || gunDisarmed } : a)),
    [],
  );
  // `who`: named by the screen that logged out (another call may already have moved the shell on).
  const toLoggedOut = useCallback((gunDisarmed: boolean, who: string | undefined) => setAuth({ kind: 'login', gunDisarmedBy: gunDisarmed ? (who ?? null) : undefined }), []);
  useEffect(() => api.on('login.locked', (e) => toLocked(e.gunDisarmed)), [api, toLocked]);
  useActivity(api, auth.kind === 'in');

  let body;
  if (transport === 'refused') body = <Refused refusal={ws?.refusal ?? null} />;
  else if (auth.kind === 'loading')
    body = (
      <main className="app-main" id="main" tabIndex={-1}>
        <div className="centered card">
          {bootError ? (
            <p className="error" role="alert">
              {bootError}
            </p>
          ) : (
            <p>
              <Msg id="app.connecting" />
            </p>
          )}
        </div>
      </main>
    );
  else if (auth.kind === 'setup') body = <FirstRun onDone={refresh} />;
  else if (auth.kind === 'login') body = <Login stationName={stationName} gunDisarmedBy={auth.gunDisarmedBy} onLoggedIn={(user) => setAuth({ kind: 'in', user })} />;
  else if (auth.kind === 'locked')
    body = <LockScreen user={auth.user} gunDisarmed={auth.gunDisarmed} onUnlocked={(user) => setAuth({ kind: 'in', user })} onLoggedOut={(d) => toLoggedOut(d, auth.user?.displayName)} />;
  else body = <SignedIn user={auth.user} stationName={stationName} training={mode === 'training'} onLoggedOut={(d) => toLoggedOut(d, auth.user.displayName)} onLocked={toLocked} onStationChanged={(st) => {
        setStationName(st.stationName);
        setStationLanguage(st.language);
      }} onUserChanged={(user) => setAuth({ kind: 'in', user })} />;

  if (auth.kind !== 'loading' && transport !== 'refused') body = <NoGunGate mode={mode}>{body}</NoGunGate>;

  // The signed-in (or locked) user's own language, else the station's: the login screen speaks the station's.
  const language = ((auth.kind === 'in' || auth.kind === 'locked') && auth.user?.language) || stationLanguage;
  // Numbers are typed and read in the language's own marks (the pseudo-locale reads English ones).
  const locale = pseudo ? LOCALE_TAGS.en : LOCALE_TAGS[language];
  return (
    <I18nProvider language={language} station={stationLanguage} pseudo={pseudo}>
    <ApiProvider api={api}>
      <LocaleProvider locale={locale}>
      <GunProvider api={api} online={transport === 'open'}>
      <div className="app">
        <a href="#main" className="skip-link" onClick={skipToMainControl}>
          <Msg id="app.skipLink" />
        </a>
        <GunBar stationName={stationName} mode={mode} />
        {mode === 'training' && auth.kind !== 'in' && <TrainingBanner placement="row" />}
        {everOpen && (transport === 'closed' || transport === 'connecting') && (
          <div className="banner danger" role="alert">
            <Msg id="app.connectionLost" />
          </div>
        )}
        {body}
      </div>
      </GunProvider>
      </LocaleProvider>
    </ApiProvider>
    </I18nProvider>
  );
}
