// Thermotherapy: ozonised steam, then the head massage (seed 003: mesotherapy without it is more
// painful). Large timers derived from the core's stored timestamps, a progress bar, a checklist.
import { useEffect, useMemo, useState } from 'react';
import type { SessionView, TimerView } from '../../electron/contract/sessions.js';
import { useAction, useApi } from '../api/hooks.js';
import { fmtClock } from '../format.js';
import { Modal } from '../components/Modal.js';
import { useNow } from './useNow.js';

type Stage = 'steam' | 'massage';

const CHECKLIST: Record<Stage, string[]> = {
  steam: ['Cape on, hair loose and dry', 'Steamer at working temperature, ozone on', 'Patient comfortable; eyes and ears away from the steam'],
  massage: ['Scalp massaged over every zone', 'Patient reports no pain or dizziness', 'Scalp clean and ready for the injections'],
};

function running(t: TimerView): boolean {
  return t.startedAt !== null && t.pausedAt === null && t.endedAt === null;
}

export function Thermotherapy({ s, onChanged }: { s: SessionView; onChanged: () => void }) {
  const api = useApi();
  const stage: Stage = s.step.startsWith('massage') ? 'massage' : 'steam';
  const t = s.thermo[stage];
  const [fetchedAt, setFetchedAt] = useState(() => Date.now());
  useEffect(() => setFetchedAt(Date.now()), [s]);
  const now = useNow(running(t));
  const remaining = running(t) ? Math.max(0, t.remainingMs - (now - fetchedAt)) : t.remainingMs;
  const done = t.plannedMs > 0 ? Math.min(1, 1 - remaining / t.plannedMs) : 0;
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  useEffect(() => setTicked({}), [stage]);
  const allTicked = CHECKLIST[stage].every((c) => ticked[`${stage}:${c}`]);
  const { busy, error, run } = useAction();
  const [skipping, setSkipping] = useState(false);

  const act = (m: 'sessions.thermo.start' | 'sessions.thermo.pause' | 'sessions.thermo.resume' | 'sessions.thermo.complete') => async () => {
    if (await run(() => api.call(m, { sessionId: s.id, stage }))) onChanged();
  };

  const title = stage === 'steam' ? 'Ozonised steam' : 'Head massage';
  const state = t.startedAt === null ? 'ready' : t.pausedAt !== null ? 'paused' : 'running';

  return (
    <div className="grid2">
      <section className="card stack" aria-labelledby="thermo-title">
        <h2 id="thermo-title" tabIndex={-1} data-phase-focus="">
          Thermotherapy · {stage === 'steam' ? 'step 1 of 2' : 'step 2 of 2'}: {title}
        </h2>
        <div className="timer" role="timer" aria-live="off" aria-label={`${title}: ${fmtClock(remaining)} remaining`}>
          {fmtClock(remaining)}
        </div>
        <p className="muted">
          {state === 'ready' && `Planned ${fmtClock(t.plannedMs || 0)}. Start when the patient is ready.`}
          {state === 'running' && (remaining > 0 ? 'Running.' : 'Time is up: complete this step.')}
          {state === 'paused' && 'Paused.'}
        </p>
        <div className="progress" role="progressbar" aria-label={`${title} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(done * 100)}>
          <div style={{ width: `${done * 100}%` }} />
        </div>
        <div className="row">
          {state === 'ready' && (
            <button type="button" className="big" onClick={act('sessions.thermo.start')} disabled={busy} data-main-control="">
              Start {stage === 'steam' ? 'steam' : 'massage'}
            </button>
          )}
          {state === 'running' && (
            <button type="button" className="big secondary" onClick={act('sessions.thermo.pause')} disabled={busy} data-main-control="">
              Pause
            </button>
          )}
          {state === 'paused' && (
            <button type="button" className="big secondary" onClick={act('sessions.thermo.resume')} disabled={busy} data-main-control="">
              Resume
            </button>
          )}
          {state !== 'ready' && (
            <button type="button" className="big" onClick={act('sessions.thermo.complete')} disabled={busy || !allTicked}>
              Complete {stage === 'steam' ? 'steam' : 'massage'}
            </button>
          )}
        </div>
        {error && <p className="error" role="alert">{error}</p>}
      </section>
      <section className="card stack" aria-labelledby="check-title">
        <h2 id="check-title">Checklist</h2>
        {CHECKLIST[stage].map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={!!ticked[`${stage}:${c}`]} onChange={(e) => setTicked({ ...ticked, [`${stage}:${c}`]: e.target.checked })} />
            {c}
          </label>
        ))}
        <p className="muted small">Tick every item to complete the step.</p>
        <hr />
        <p className="small muted">Thermotherapy prepares the scalp; mesotherapy without it is more painful. Skipping needs an administrator's approval and a reason.</p>
        <div>
          <button type="button" className="quiet" onClick={() => setSkipping(true)}>
            Skip thermotherapy…
          </button>
        </div>
      </section>
      {skipping && <SkipDialog s={s} onClose={() => setSkipping(false)} onDone={onChanged} />}
    </div>
  );
}

function SkipDialog({ s, onClose, onDone }: { s: SessionView; onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const [reason, setReason] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const ok = useMemo(() => reason.trim().length >= 3 && username && password, [reason, username, password]);
  const submit = async () => {
    if (await run(() => api.call('sessions.thermo.skip', { sessionId: s.id, reason, admin: { username, password } }))) {
      onClose();
      onDone();
    }
  };
  return (
    <Modal title="Skip thermotherapy" tone="warn" onClose={onClose}>
      <label className="field">
        Reason
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <div className="grid2">
        <label className="field">
          Administrator username
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" />
        </label>
        <label className="field">
          Administrator password
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
        </label>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="button" className="secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="button" disabled={busy || !ok} onClick={submit}>
          Skip with approval
        </button>
      </div>
    </Modal>
  );
}
