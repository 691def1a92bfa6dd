// First run: create the first admin (which logs in), name the station, pair the gun.
import { useState, type FormEvent } from 'react';
import { PASSWORD_MIN_LENGTH } from '../../electron/contract/users.js';
import { useAction, useApi } from '../api/hooks.js';
import { PairGun } from '../components/PairGun.js';

type Step = 'admin' | 'station' | 'gun';

export function FirstRun({ onDone }: { onDone: () => void }) {
  const [step, setStep] = useState<Step>('admin');
  const steps: [Step, string][] = [
    ['admin', 'Administrator'],
    ['station', 'Station'],
    ['gun', 'Gun'],
  ];
  const idx = steps.findIndex(([s]) => s === step);
  return (
    <main className="app-main" id="main" tabIndex={-1}>
      <div className="centered stack">
        <h1>Set up this station</h1>
        <ol className="phases" aria-label="Set-up steps">
          {steps.map(([s, label], i) => (
            <li key={s} className={i < idx ? 'done' : i === idx ? 'current' : ''} aria-current={i === idx ? 'step' : undefined}>
              {i + 1}. {label}
            </li>
          ))}
        </ol>
        {step === 'admin' && <CreateAdmin onDone={() => setStep('station')} />}
        {step === 'station' && <NameStation onDone={() => setStep('gun')} />}
        {step === 'gun' && (
          <section className="card stack" aria-labelledby="pair-title">
            <h2 id="pair-title">Pair the injection gun</h2>
            <PairGun onPaired={onDone} />
            <div className="row end">
              <button type="button" className="secondary" onClick={onDone}>
                Pair later
              </button>
            </div>
          </section>
        )}
      </div>
    </main>
  );
}

function CreateAdmin({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const { busy, error, setError, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== confirm) return setError('The two passwords differ.');
    const me = await run(() => api.call('setup.createAdmin', { username, displayName, password }));
    if (me) onDone();
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="admin-title">
      <h2 id="admin-title">Create the administrator</h2>
      <p className="muted">The administrator manages users, the serum library, guns and settings, and reviews session records.</p>
      <div className="grid2">
        <label className="field">
          Username
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </label>
        <label className="field">
          Full name
          <input name="displayName" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
        </label>
        <label className="field">
          Password <span className="hint">at least {PASSWORD_MIN_LENGTH} characters</span>
          <input name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required minLength={PASSWORD_MIN_LENGTH} />
        </label>
        <label className="field">
          Repeat password
          <input name="confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} required />
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row end">
        <button type="submit" disabled={busy}>
          Create administrator
        </button>
      </div>
    </form>
  );
}

function NameStation({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const [stationName, setStationName] = useState('Treatment room 1');
  const [room, setRoom] = useState('');
  const { busy, error, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await run(() => api.call('settings.update', { changes: { stationName, room }, reason: 'First-run set-up' }));
    if (r) onDone();
  };

  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="station-title">
      <h2 id="station-title">Name this station</h2>
      <p className="muted">The name appears on every screen, on records and on the gun during pairing.</p>
      <div className="grid2">
        <label className="field">
          Station name
          <input name="stationName" value={stationName} onChange={(e) => setStationName(e.target.value)} required autoFocus />
        </label>
        <label className="field">
          Room <span className="hint">optional</span>
          <input name="room" value={room} onChange={(e) => setRoom(e.target.value)} />
        </label>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row end">
        <button type="submit" disabled={busy || !stationName.trim()}>
          Save and continue
        </button>
      </div>
    </form>
  );
}
