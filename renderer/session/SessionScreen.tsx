// A session, phase by phase. The phase comes from the core (sessions.get); this screen only shows the
// step the core is in and sends the clinician's actions.
import { useEffect, useRef, useState } from 'react';
import type { WorkflowEvent } from '../../electron/contract/sessions.js';
import type { Me } from '../../electron/contract/users.js';
import { useApi, useLoad } from '../api/hooks.js';
import { useT } from '../i18n/I18n.js';
import { useFormat } from '../i18n/useFormat.js';
import { SessionReasonDialog } from './SessionReasonDialog.js';
import { scrollMainToTop, useFocusOnChange } from '../components/focus.js';
import { useNavigate } from '../navigation.js';
import { Thermotherapy } from './Thermotherapy.js';
import { Preparation } from './Preparation.js';
import { Mesotherapy } from './Mesotherapy.js';
import { Closing } from './Closing.js';
import { Review, SessionSummaryView } from './Review.js';
import { sessionRefresh } from './events.js';
import { useReasonText } from '../reasons.js';

const STEPS = [
  ['thermotherapy', 'session.step.thermotherapy'],
  ['preparation', 'session.step.preparation'],
  ['mesotherapy', 'session.step.mesotherapy'],
  ['closing', 'session.step.closing'],
  ['review', 'session.step.review'],
] as const;

/** The stop's reason as the catalogue's select names it (an ICU selector has no hyphen). */
const STOP_REASONS = { 'commit-failed': 'commitFailed', fault: 'fault', budget: 'budget' } as const;

export function SessionScreen({ id, user }: { id: number; user: Me }) {
  const words = useReasonText();
  const go = useNavigate();
  const api = useApi();
  const session = useLoad('sessions.get', { sessionId: id }, sessionRefresh(id));
  const patient = useLoad('patients.get', session.data ? { id: session.data.patientId } : null);
  const [finishing, setFinishing] = useState(false);
  const [aborting, setAborting] = useState(false);
  const stopped = useGunStopped(id);
  const t = useT();
  const f = useFormat();
  const s = session.data;

  // A session that left mesotherapy (on this or another window) is no longer "finishing".
  useEffect(() => {
    if (s && s.phase !== 'mesotherapy') setFinishing(false);
  }, [s]);
  // Each phase (and each thermotherapy stage) starts at the top of its screen, with focus on its
  // heading: a keyboard user carries on from there, a screen reader says where they are.
  const phase = s ? `${s.phase}:${s.phase === 'thermotherapy' ? (s.step.startsWith('massage') ? 'massage' : 'steam') : ''}:${finishing}` : '';
  useEffect(() => scrollMainToTop(), [phase]);
  const root = useRef<HTMLDivElement>(null);
  useFocusOnChange(phase, root);

  if (session.error && !s) return <p className="error" role="alert">{session.error}</p>;
  if (!s) return <p>{t('session.loading')}</p>;

  const shownPhase = s.phase === 'mesotherapy' && finishing ? 'closing' : s.phase;
  const idx = STEPS.findIndex(([p]) => p === shownPhase);
  const pt = patient.data;
  const readOnly = s.clinician.userId !== user.userId;

  let body;
  switch (s.phase) {
    case 'intake':
    case 'thermotherapy':
      body = <Thermotherapy s={s} onChanged={session.reload} />;
      break;
    case 'preparation':
      body = <Preparation s={s} patientAllergies={pt?.allergies ?? []} onChanged={session.reload} />;
      break;
    case 'mesotherapy':
      body = finishing ? <Closing s={s} patientLanguage={pt?.preferredLanguage} onBack={() => setFinishing(false)} onChanged={session.reload} /> : <Mesotherapy s={s} onChanged={session.reload} onFinish={() => setFinishing(true)} />;
      break;
    case 'closing':
      body = <Closing s={s} patientLanguage={pt?.preferredLanguage} onChanged={session.reload} />;
      break;
    case 'review':
      body = <Review s={s} onChanged={session.reload} />;
      break;
    case 'signed':
    case 'aborted':
      body = <SessionSummaryView s={s} onChanged={session.reload} />;
      break;
  }

  return (
    <div className="stack" ref={root}>
      <div className="row between session-head">
        <div>
          <h1>{t('session.title', { id: s.id, patient: pt ? (pt.fullName ?? pt.clinicId ?? '') : t('session.patientFallback', { id: s.patientId }) })}</h1>
          <p className="muted">
            {[
              pt?.birthDate ? t('session.born', { date: f.date(pt.birthDate) }) : null,
              pt?.allergies.length ? t('session.allergies', { allergies: pt.allergies.join(', ') }) : null,
              t('session.started', { when: f.dateTime(s.startedAt), clinician: s.clinician.displayName }),
            ]
              .filter((part) => part !== null)
              .join(' · ')}
          </p>
        </div>
        <div className="row no-print">
          <button type="button" className="secondary" onClick={() => go({ name: 'home' })}>
            {t('session.backToToday')}
          </button>
          {s.status === 'in_progress' && (
            <button type="button" className="secondary" onClick={() => setAborting(true)}>
              {t('session.abort')}
            </button>
          )}
        </div>
      </div>
      {s.status === 'in_progress' && (
        <ol className="phases no-print" aria-label={t('session.phases')}>
          {STEPS.map(([p, label], i) => (
            <li key={p} className={i < idx ? 'done' : i === idx ? 'current' : ''} aria-current={i === idx ? 'step' : undefined}>
              {t(label)}
            </li>
          ))}
        </ol>
      )}
      {s.warnings.length > 0 && (
        <div className="warnbox" role="status">
          {s.warnings.map((w, n) => (
            <div key={n}>{words.reason(w)}</div>
          ))}
        </div>
      )}
      {s.status === 'in_progress' &&
        s.interruptions.map((i) => (
          <div key={i.id} className="warnbox" role="status" data-testid="interruption" data-kind={i.kind}>
            {words.interruption(i)}
          </div>
        ))}
      {stopped.event && <GunStoppedAlert stop={stopped.event} onDismiss={stopped.dismiss} />}
      {readOnly && s.status === 'in_progress' && <p className="notice">{t('session.readOnly', { clinician: s.clinician.displayName })}</p>}
      {body}
      {aborting && (
        <SessionReasonDialog
          title={t('session.abortTitle')}
                          cancelLabel={t('session.abortKeep')}
          confirm={{ label: t('session.abort'), danger: true }}
          onConfirm={(reason) => api.call('sessions.abort', { sessionId: s.id, reason })}
          onClose={() => setAborting(false)}
          onDone={session.reload}
        >
          <p>{t('session.abortBody')}</p>
        </SessionReasonDialog>
      )}
    </div>
  );
}

type GunStopped = Extract<WorkflowEvent, { type: 'gun.stopped' }> & { at: number };

/**
 * The last 'gun.stopped' event for this session (or for no session: the gun was stopped all the
 * same), kept until the clinician dismisses it: the station stopped the gun outside their control,
 * and that must not scroll away with the next refresh.
 */
function useGunStopped(sessionId: number): { event: GunStopped | null; dismiss: () => void } {
  const api = useApi();
  const [event, setEvent] = useState<GunStopped | null>(null);
  useEffect(
    () =>
      api.on('workflow.event', (e) => {
        if (e.type === 'gun.stopped' && (e.sessionId === null || e.sessionId === sessionId)) setEvent({ ...e, at: Date.now() });
      }),
    [api, sessionId],
  );
  return { event, dismiss: () => setEvent(null) };
}

function GunStoppedAlert({ stop, onDismiss }: { stop: GunStopped; onDismiss: () => void }) {
  const t = useT();
  const f = useFormat();
  const words = useReasonText();
  return (
    <div className="banner danger gun-stopped" role="alert" data-testid="gun-stopped" data-reason={stop.reason}>
      <div>
        <div className="big-line">{t('session.stopped', { reason: STOP_REASONS[stop.reason] })}</div>
        <div>
          {words.reason(stop.what)}
          <span className="small">{t('session.stoppedAt', { time: f.time(stop.at) })}</span>
        </div>
      </div>
      <button type="button" className="secondary" onClick={onDismiss}>
        {t('session.dismiss')}
      </button>
    </div>
  );
}
