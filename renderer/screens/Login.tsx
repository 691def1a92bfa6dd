// Login and the lock screen (auto-lock or "Lock" button): the same user re-enters the password, or
// logs out so another user can log in.
import { useState } from 'react';
import type { Me } from '../../electron/contract/users.js';
import { useAction, useApi } from '../api/hooks.js';
import { useT } from '../i18n/I18n.js';
import { Field, Form, FormEnd } from '../kit/index.js';

/** The password field both screens ask for (never remembered: it is the station's own login). */
function PasswordField({ value, onChange, autoFocus }: { value: string; onChange: (v: string) => void; autoFocus?: boolean }) {
  const t = useT();
  return (
    <Field label={t('login.password')} field="password">
      <input name="password" type="password" autoComplete="current-password" value={value} onChange={(e) => onChange(e.target.value)} autoFocus={autoFocus} required />
    </Field>
  );
}

export function Login({ stationName, gunDisarmedBy, onLoggedIn }: { stationName: string; gunDisarmedBy?: string | null; onLoggedIn: (me: Me) => void }) {
  const api = useApi();
  const t = useT();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, failure, run } = useAction();

  const submit = async () => {
    const me = await run(() => api.call('auth.login', { username, password }));
    setPassword('');
    if (me) onLoggedIn(me);
  };

  return (
    <main className="app-main" id="main" tabIndex={-1}>
      <Form className="centered card stack" failure={failure} onSubmit={submit} aria-labelledby="login-title">
        <div>
          <h1 id="login-title">{t('login.title')}</h1>
          <p className="muted">{stationName || t('app.stationFallback')}</p>
        </div>
        {gunDisarmedBy !== undefined && (
          <p className="okbox" role="status" data-testid="gun-disarmed-on-leave">
            {t('login.gunDisarmed', { name: gunDisarmedBy ?? t('login.theUser') })}
          </p>
        )}
        <Field label={t('login.username')} field="username">
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus required />
        </Field>
        <PasswordField value={password} onChange={setPassword} />
        <FormEnd submit={t('login.submit')} disabled={busy || !username || !password} />
      </Form>
    </main>
  );
}

export function LockScreen({
  user,
  gunDisarmed,
  onUnlocked,
  onLoggedOut,
}: {
  user: Me | null;
  /** The gun was armed for this user and was disarmed before the station locked. */
  gunDisarmed: boolean;
  onUnlocked: (me: Me) => void;
  onLoggedOut: (gunDisarmed: boolean) => void;
}) {
  const api = useApi();
  const t = useT();
  const [password, setPassword] = useState('');
  const { busy, failure, run } = useAction();

  const submit = async () => {
    const me = await run(() => api.call('auth.unlock', { password }));
    setPassword('');
    if (me) onUnlocked(me);
  };
  const logout = async () => {
    const r = await run(() => api.call('auth.logout', {}));
    onLoggedOut(r?.gunDisarmed ?? false);
  };

  return (
    <main className="app-main" id="main" tabIndex={-1}>
      <Form className="centered card stack" failure={failure} onSubmit={submit} aria-labelledby="lock-title">
        <div>
          <h1 id="lock-title">{t('lock.title')}</h1>
          <p className="muted">
            {user ? t('lock.lockedFor', { name: user.displayName, username: user.username }) : t('lock.lockedNobody')} {t('lock.hidden')}
          </p>
        </div>
        {gunDisarmed && (
          <p className="okbox" role="status" data-testid="gun-disarmed-on-leave">
            {t('lock.gunDisarmed')}
          </p>
        )}
        <PasswordField value={password} onChange={setPassword} autoFocus />
        <FormEnd submit={t('lock.unlock')} disabled={busy || !password} cancel={{ label: t('lock.logout'), onClick: () => void logout() }} spread />
      </Form>
    </main>
  );
}
