// First run: create the first admin (which logs in), name the station, pair the gun.
import { useState, type ReactNode } from 'react';
import type { Failure } from '../api/failure.js';
import { useAction, useApi } from '../api/hooks.js';
import { Card, Field, Form, FormEnd, NewPassword, NO_PASSWORD, Select, TextField, chosenPassword } from '../kit/index.js';
import { PairGun } from '../components/PairGun.js';
import { useLanguage, useT } from '../i18n/I18n.js';
import { LANGUAGE_OPTIONS } from '../record/languages.js';
import type { Language } from '../../electron/contract/languages.js';

type Step = 'admin' | 'station' | 'gun';

export function FirstRun({ onDone }: { onDone: () => void }) {
  const t = useT();
  const [step, setStep] = useState<Step>('admin');
  const steps: [Step, string][] = [
    ['admin', t('firstRun.stepAdmin')],
    ['station', t('firstRun.stepStation')],
    ['gun', t('firstRun.stepGun')],
  ];
  const idx = steps.findIndex(([s]) => s === step);
  return (
    <main className="app-main" id="main" tabIndex={-1}>
      <div className="centered stack">
        <h1>{t('firstRun.title')}</h1>
        <ol className="phases" aria-label={t('firstRun.steps')}>
          {steps.map(([s, label], i) => (
            <li key={s} className={i < idx ? 'done' : i === idx ? 'current' : ''} aria-current={i === idx ? 'step' : undefined}>
              {t('firstRun.step', { n: i + 1, label })}
            </li>
          ))}
        </ol>
        {step === 'admin' && <CreateAdmin onDone={() => setStep('station')} />}
        {step === 'station' && <NameStation onDone={() => setStep('gun')} />}
        {step === 'gun' && (
          <Card title={t('firstRun.pairTitle')} titleId="pair-title">
            <PairGun onPaired={onDone} />
            <div className="row end">
              <button type="button" className="secondary" onClick={onDone}>
                {t('firstRun.pairLater')}
              </button>
            </div>
          </Card>
        )}
      </div>
    </main>
  );
}

function CreateAdmin({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const t = useT();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState(NO_PASSWORD);
  const { busy, failure, run } = useAction();

  const submit = async () => {
    const me = await run(() => api.call('setup.createAdmin', { username, displayName, password: chosenPassword(password, t) }));
    if (me) onDone();
  };

  return (
    <StepForm title={t('firstRun.adminTitle')} id="admin-title" failure={failure} onSubmit={submit} action={t('firstRun.adminAction')} disabled={busy}>
      <p className="muted">{t('firstRun.adminNote')}</p>
      <div className="grid2">
        <Field label={t('firstRun.username')} field="username">
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        </Field>
        <Field label={t('firstRun.fullName')} field="displayName">
          <input name="displayName" autoComplete="name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
        </Field>
        <NewPassword kind="password" value={password} onChange={setPassword} />
      </div>
    </StepForm>
  );
}

function NameStation({ onDone }: { onDone: () => void }) {
  const api = useApi();
  const t = useT();
  const [stationName, setStationName] = useState(() => t('firstRun.stationDefault'));
  const [room, setRoom] = useState('');
  // The language this first run speaks (the browser's) is offered as the station's; nothing is saved until chosen here.
  const windowLanguage = useLanguage();
  const [language, setLanguage] = useState<Language>(windowLanguage);
  const { busy, failure, run } = useAction();

  const submit = async () => {
    const r = await run(() => api.call('settings.update', { changes: { stationName, room, language }, reason: t('firstRun.reason') }));
    if (r) onDone();
  };

  return (
    <StepForm title={t('firstRun.stationTitle')} id="station-title" failure={failure} onSubmit={submit} action={t('firstRun.stationAction')} disabled={busy || !stationName.trim()}>
      <p className="muted">{t('firstRun.stationNote')}</p>
      <div className="grid2">
        <Field label={t('firstRun.stationName')} field="changes.stationName">
          <input name="stationName" value={stationName} onChange={(e) => setStationName(e.target.value)} required autoFocus />
        </Field>
        <TextField label={t('firstRun.room')} hint={t('field.optional')} field="changes.room" name="room" value={room} onText={setRoom} />
        <Field label={t('settings.language')} hint={t('settings.languageHint')} field="changes.language">
          <Select name="language" value={language} onChoose={(l) => l && setLanguage(l)} options={LANGUAGE_OPTIONS} />
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
      <FormEnd submit={p.action} disabled={p.disabled} />
    </Form>
  );
}
