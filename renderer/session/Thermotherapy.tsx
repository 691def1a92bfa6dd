// Thermotherapy: ozonised steam, then the head massage (seed 003: mesotherapy without it is more
// painful). Large timers derived from the core's stored timestamps, a progress bar, a checklist whose
// ticks the core records with their times. A stage completes when its timer has run; completing it
// earlier shortens it, which needs a reason and an administrator's approval.
import { useEffect, useState } from 'react';
import { StationCallError } from '../../electron/contract/api.js';
import { THERMO_CHECKLIST, type ChecklistItem, type SessionView, type TimerView } from '../../electron/contract/sessions.js';
import { useAction, useApi } from '../api/hooks.js';
import { Msg, useT } from '../i18n/I18n.js';
import type { UiMessageId } from '../i18n/messages/index.js';
import { useFormat } from '../i18n/useFormat.js';
import { Card, Check, Credentials, FormAlert, NO_CREDENTIALS, complete } from '../kit/index.js';
import { SessionReasonDialog } from './SessionReasonDialog.js';
import { useNow } from './useNow.js';

type Stage = 'steam' | 'massage';

const ITEM_WORDS: Record<ChecklistItem, UiMessageId> = {
  'cape-on': 'thermo.item.capeOn',
  'steamer-ready': 'thermo.item.steamerReady',
  'patient-comfortable': 'thermo.item.patientComfortable',
  'all-zones': 'thermo.item.allZones',
  'no-pain': 'thermo.item.noPain',
  'scalp-ready': 'thermo.item.scalpReady',
};


function running(t: TimerView): boolean {
  return t.startedAt !== null && t.pausedAt === null && t.endedAt === null;
}

export function Thermotherapy({ s, onChanged }: { s: SessionView; onChanged: () => void }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const stage: Stage = s.step.startsWith('massage') ? 'massage' : 'steam';
  const timer = s.thermo[stage];
  const [fetchedAt, setFetchedAt] = useState(() => Date.now());
  useEffect(() => setFetchedAt(Date.now()), [s]);
  const now = useNow(running(timer));
  const remaining = running(timer) ? Math.max(0, timer.remainingMs - (now - fetchedAt)) : timer.remainingMs;
  const done = timer.plannedMs > 0 ? Math.min(1, 1 - remaining / timer.plannedMs) : 0;
  const allTicked = THERMO_CHECKLIST[stage].every((item) => timer.checks[item] !== undefined);
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

  const title = t('thermo.stage', { stage });
  const state = timer.startedAt === null ? 'ready' : timer.pausedAt !== null ? 'paused' : 'running';

  return (
    <div className="grid2">
      <section className="card stack" aria-labelledby="thermo-title">
        <h2 id="thermo-title" tabIndex={-1} data-phase-focus="">
          {t('thermo.heading', { step: stage === 'steam' ? 1 : 2, title })}
        </h2>
        <div className="timer" role="timer" aria-live="off" aria-label={t('thermo.remaining', { title, time: f.clock(remaining) })}>
          {f.clock(remaining)}
        </div>
        <p className="muted">
          {state === 'ready' && t('thermo.planned', { time: f.clock(timer.plannedMs || 0) })}
          {state === 'running' && (remaining > 0 ? t('thermo.running') : t('thermo.timeUp'))}
          {state === 'paused' && t('thermo.paused')}
        </p>
        <div className="progress" role="progressbar" aria-label={t('thermo.progress', { title })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(done * 100)}>
          <div style={{ width: `${done * 100}%` }} />
        </div>
        <div className="row">
          {state === 'ready' && (
            <button type="button" className="big" onClick={act('sessions.thermo.start')} disabled={busy} data-main-control="">
              {t('thermo.start', { stage })}
            </button>
          )}
          {state === 'running' && (
            <button type="button" className="big secondary" onClick={act('sessions.thermo.pause')} disabled={busy} data-main-control="">
              {t('thermo.pause')}
            </button>
          )}
          {state === 'paused' && (
            <button type="button" className="big secondary" onClick={act('sessions.thermo.resume')} disabled={busy} data-main-control="">
              {t('thermo.resume')}
            </button>
          )}
          {state !== 'ready' && (
            <button type="button" className="big" onClick={() => void complete()} disabled={busy || !allTicked}>
              {t('thermo.complete', { stage })}
            </button>
          )}
        </div>
        <FormAlert message={error} />
      </section>
      <Card title={t('thermo.checklist')} titleId="check-title">
        {THERMO_CHECKLIST[stage].map((item) => {
          const at = timer.checks[item];
          return (
            <Check key={item} checked={at !== undefined} disabled={busy} onCheck={(on) => void tick(item, on)()}>
              {t(ITEM_WORDS[item])}
              {at !== undefined && <span className="muted small">{t('thermo.tickedAt', { time: f.time(at) })}</span>}
            </Check>
          );
        })}
        <p className="muted small">{t('thermo.tickNote')}</p>
        <hr />
        <p className="small muted">{t('thermo.skipNote')}</p>
        <div>
          <button type="button" className="quiet" onClick={() => setSkipping(true)}>
            {t('thermo.skip')}
          </button>
        </div>
      </Card>
      {skipping && <SkipDialog s={s} onClose={() => setSkipping(false)} onDone={onChanged} />}
      {shortening && <ShortenDialog s={s} stage={stage} givenMs={timer.plannedMs - remaining} onClose={() => setShortening(false)} onDone={onChanged} />}
    </div>
  );
}

/** Completing a stage before its set time: recorded as shortened, with a reason and an administrator's approval. */
function ShortenDialog({ s, stage, givenMs, onClose, onDone }: { s: SessionView; stage: Stage; givenMs: number; onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const [admin, setAdmin] = useState(NO_CREDENTIALS);
  const planned = s.thermo[stage].plannedMs;
  return (
    <SessionReasonDialog
      title={t('thermo.shortenTitle', { stage })}
      reasonName="shortenReason"
      extra={<Credentials who="Administrator" field="early.admin.username" value={admin} onChange={setAdmin} />}
      ready={complete(admin)}
      cancelLabel={t('thermo.keepRunning')}
      confirm={{ label: t('thermo.completeEarly') }}
      onConfirm={(reason) => api.call('sessions.thermo.complete', { sessionId: s.id, stage, early: { reason, admin } })}
      onClose={onClose}
      onDone={onDone}
    >
      <p>
        <Msg id="thermo.shortenBody" values={{ stage, given: f.duration(givenMs), planned: f.duration(planned) }} />
      </p>
    </SessionReasonDialog>
  );
}

function SkipDialog({ s, onClose, onDone }: { s: SessionView; onClose: () => void; onDone: () => void }) {
  const api = useApi();
  const t = useT();
  const [admin, setAdmin] = useState(NO_CREDENTIALS);
  return (
    <SessionReasonDialog
      title={t('thermo.skipTitle')}
      extra={<Credentials who="Administrator" field="admin.username" value={admin} onChange={setAdmin} />}
      ready={complete(admin)}
      confirm={{ label: t('thermo.skipConfirm') }}
      onConfirm={(reason) => api.call('sessions.thermo.skip', { sessionId: s.id, reason, admin })}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
