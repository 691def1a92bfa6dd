// Thermotherapy: ozonised steam, then the head massage (seed 003: mesotherapy without it is more
// painful). Large timers derived from the core's stored timestamps, a progress bar, a checklist whose
// ticks the core records with their times. A stage completes when its timer has run; completing it
// earlier shortens it, which needs a reason and an administrator's approval.
import { useEffect, useState } from 'react';
import { StationCallError } from '../../electron/contract/api.js';
import { THERMO_CHECKLIST, type ChecklistItem, type SessionView, type TimerView } from '../../electron/contract/sessions.js';
import { useAction, useApi } from '../api/hooks.js';
import { fmtClock, fmtDuration, fmtTime } from '../format.js';
import { Check, Credentials, FormAlert, NO_CREDENTIALS, ReasonDialog, complete } from '../kit/index.js';
import { useNow } from './useNow.js';

type Stage = 'steam' | 'massage';

const ITEM_WORDS: Record<ChecklistItem, string> = {
  'cape-on': 'Cape on, hair loose and dry',
  'steamer-ready': 'Steamer at working temperature, ozone on',
  'patient-comfortable': 'Patient comfortable; eyes and ears away from the steam',
  'all-zones': 'Scalp massaged over every zone',
  'no-pain': 'Patient reports no pain or dizziness',
  'scalp-ready': 'Scalp clean and ready for the injections',
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
  const allTicked = THERMO_CHECKLIST[stage].every((item) => t.checks[item] !== undefined);
  const { busy, error, run } = useAction();
  const [skipping, setSkipping] = useState(false);
  const [shortening, setShortening] = useState(false);

  const act = (m: 'sessions.thermo.start' | 'sessions.thermo.pause' | 'sessions.thermo.resume') => async () => {
    if (await run(() => api.call(m, { sessionId: s.id, stage }))) onChanged();
  };
  const tick = (item: ChecklistItem, checked: boolean) => async () => {
    if (await run(() => api.call('sessions.thermo.check', { sessionId: s.id, stage, item, checked }))) onChanged();
  };
  // Before the set time, completing shortens the stage: the approval dialog asks for the reason.
  const complete = async () => {
    if (remaining > 0) return setShortening(true);
    const r = await run(async () => {
      try {
        return await api.call('sessions.thermo.complete', { sessionId: s.id, stage });
      } catch (e) {
        // This window's clock ran ahead of the station's: the core says it is still early.
        if (e instanceof StationCallError && e.reason?.code === 'thermo.too-early') {
          setShortening(true);
          return undefined;
        }
        throw e;
      }
    });
    if (r) onChanged();
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
          {state === 'running' && (remaining > 0 ? 'Running. Completing before the time is up needs an administrator’s approval.' : 'Time is up: complete this step.')}
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
            <button type="button" className="big" onClick={() => void complete()} disabled={busy || !allTicked}>
              Complete {stage === 'steam' ? 'steam' : 'massage'}
            </button>
          )}
        </div>
        <FormAlert message={error} />
      </section>
      <section className="card stack" aria-labelledby="check-title">
        <h2 id="check-title">Checklist</h2>
        {THERMO_CHECKLIST[stage].map((item) => {
          const at = t.checks[item];
          return (
            <Check key={item} checked={at !== undefined} disabled={busy} onCheck={(on) => void tick(item, on)()}>
              {ITEM_WORDS[item]}
              {at !== undefined && <span className="muted small"> · {fmtTime(at)}</span>}
            </Check>
          );
        })}
        <p className="muted small">Tick every item to complete the step; each tick is recorded with its time.</p>
        <hr />
        <p className="small muted">Thermotherapy prepares the scalp; mesotherapy without it is more painful. Skipping needs an administrator's approval and a reason.</p>
        <div>
          <button type="button" className="quiet" onClick={() => setSkipping(true)}>
            Skip thermotherapy…
          </button>
        </div>
      </section>
      {skipping && <SkipDialog s={s} onClose={() => setSkipping(false)} onDone={onChanged} />}
      {shortening && <ShortenDialog s={s} stage={stage} givenMs={t.plannedMs - remaining} onClose={() => setShortening(false)} onDone={onChanged} />}
    </div>
  );
}

/** Completing a stage before its set time: recorded as shortened, with a reason and an administrator's approval. */
function ShortenDialog({ s, stage, givenMs, onClose, onDone }: { s: SessionView; stage: Stage; givenMs: number; onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const [admin, setAdmin] = useState(NO_CREDENTIALS);
  const planned = s.thermo[stage].plannedMs;
  return (
    <ReasonDialog
      title={stage === 'steam' ? 'Complete the steam early' : 'Complete the massage early'}
      tone="warn"
      long
      reasonName="shortenReason"
      minLength={3}
      extra={<Credentials who="Administrator" field="early.admin.username" value={admin} onChange={setAdmin} />}
      ready={complete(admin)}
      cancelLabel="Keep the timer running"
      confirm={{ label: 'Complete early with approval' }}
      onConfirm={(reason) => api.call('sessions.thermo.complete', { sessionId: s.id, stage, early: { reason, admin } })}
      onClose={onClose}
      onDone={onDone}
    >
      <p>
        {stage === 'steam'
          ? `The steam has run ${fmtDuration(givenMs)} of its ${fmtDuration(planned)}.`
          : `The massage has run ${fmtDuration(givenMs)} of its ${fmtDuration(planned)}.`}{' '}
        The seeds require it before the injections: completing it now records it as <strong>shortened</strong>, with the time given, your reason and the approving
        administrator.
      </p>
    </ReasonDialog>
  );
}

function SkipDialog({ s, onClose, onDone }: { s: SessionView; onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const [admin, setAdmin] = useState(NO_CREDENTIALS);
  return (
    <ReasonDialog
      title="Skip thermotherapy"
      tone="warn"
      long
      minLength={3}
      extra={<Credentials who="Administrator" field="admin.username" value={admin} onChange={setAdmin} />}
      ready={complete(admin)}
      confirm={{ label: 'Skip with approval' }}
      onConfirm={(reason) => api.call('sessions.thermo.skip', { sessionId: s.id, reason, admin })}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
