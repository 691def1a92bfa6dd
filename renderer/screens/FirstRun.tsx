// First run: create the first admin (which logs in), name the station, pair the gun.
import { useState, type ReactNode } from 'react';
import type { Failure } from '../api/failure.js';
import { useAction, useApi } from '../api/hooks.js';
import { Actions, Field, Form, FormAlert, NO_PASSWORD, NewPassword, chosenPassword } from '../kit/index.js';
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
  const [password, setPassword] = useState(NO_PASSWORD);
  const { busy, failure, run } = useAction();

  const submit = async () => {
    const me = await run(() => api.call('setup.createAdmin', { username, displayName, password: chosenPassword(password) }));
    if (me) onDone();
  };

  return (
    <StepForm title="Create the administrator" id="admin-title" failure={failure} onSubmit={submit} action="Create administrator" disabled={busy}>
      <p className="muted">The administrator manages users, the serum library, guns and settings, and reviews session records.</p>
      <div className="grid2">
        <Field label="Username" field="username">
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </Field>
        <Field label="Full name" field="displayName">
          <input name="displayName" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
        </Field>
        <NewPassword label="Password" value={password} onChange={setPassword} />
      </div>
    </StepForm>
  );
}

function NameStation({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const [stationName, setStationName] = useState('Treatment room 1');
  const [room, setRoom] = useState('');
  const { busy, failure, run } = useAction();

  const submit = async () => {
    const r = await run(() => api.call('settings.update', { changes: { stationName, room }, reason: 'First-run set-up' }));
    if (r) onDone();
  };

  return (
    <StepForm title="Name this station" id="station-title" failure={failure} onSubmit={submit} action="Save and continue" disabled={busy || !stationName.trim()}>
      <p className="muted">The name appears on every screen, on records and on the gun during pairing.</p>
      <div className="grid2">
        <Field label="Station name" field="changes.stationName">
          <input name="stationName" value={stationName} onChange={(e) => setStationName(e.target.value)} required autoFocus />
        </Field>
        <Field label="Room" hint="optional" field="changes.room">
          <input name="room" value={room} onChange={(e) => setRoom(e.target.value)} />
        </Field>
      </div>
    </StepForm>
  );
}

/** One step of the set-up: a card with its title, its fields, the refusal and the button that moves on. */
function StepForm(p: { title: string; id: string; failure: Failure | null; onSubmit: () => unknown; action: string; disabled: boolean; children: ReactNode }) {
  return (
    <Form className="card stack" failure={p.failure} onSubmit={p.onSubmit} aria-labelledby={p.id}>
      <h2 id={p.id}>{p.title}</h2>
      {p.children}
      <FormAlert />
      <Actions>
        <button type="submit" disabled={p.disabled}>
          {p.action}
        </button>
      </Actions>
    </Form>
  );
}
