// Review and electronic signature (21 CFR Part 11: the signer re-enters the password; the record shows
// the signer, the time and the meaning). After signing the record is locked; addenda only.
import { useState } from 'react';
import type { SessionView } from '../../electron/contract/sessions.js';
import { useAction, useApi } from '../api/hooks.js';
import { ScalpMap, type ZoneFigures } from '../components/ScalpMap.js';
import { fmtDateTime, fmtDuration, humanizeMessage, zoneLabel } from '../format.js';
import { interruptionText } from '../reasons.js';
import { ZoneTable } from './Mesotherapy.js';
import { formatDepth, formatVolume } from '../../electron/contract/units.js';

/** Steam and massage as they were given: completed, shortened (with the time, reason and approver), or skipped. */
function thermoRecord(s: SessionView): string {
  if (s.thermo.skipped) return `skipped (${s.thermo.skipped.reason}; approved by ${s.thermo.skipped.approvedBy})`;
  const stage = (name: string, t: SessionView['thermo']['steam']) => {
    if (t.endedAt === null) return `${name} not completed`;
    if (t.shortened) return `${name} shortened: ${fmtDuration(t.shortened.givenMs)} of ${fmtDuration(t.plannedMs)} (${t.shortened.reason}; approved by ${t.shortened.approvedBy})`;
    return `${name} completed (${fmtDuration(t.givenMs)})`;
  };
  return `${stage('steam', s.thermo.steam)}; ${stage('massage', s.thermo.massage)}`;
}

export function SessionFacts({ s }: { s: SessionView }) {
  const figures: Record<string, ZoneFigures> = {};
  for (const z of s.zones) figures[z.zone] = { deliveredNl: z.deliveredNl, targetNl: z.targetNl, shots: z.shots };
  const overrides = s.limitEvents.filter((e) => e.kind === 'soft_ack');
  return (
    <>
      <div className="grid2">
        <section className="card">
          <ScalpMap figures={figures} title={`Scalp map of session ${s.id}`} />
        </section>
        <section className="card stack" aria-labelledby="facts-title">
          <h2 id="facts-title" tabIndex={-1} data-phase-focus="">Record</h2>
          <dl className="facts">
            <dt>Clinician</dt>
            <dd>{s.clinician.displayName}</dd>
            <dt>Serum</dt>
            <dd>{s.serum ? `${s.serum.name}, lot ${s.serum.lotNumber}, exp ${s.serum.expiry}` : '—'}</dd>
            <dt>Gun</dt>
            <dd>
              {s.gun ? `${s.gun.model} ${s.gun.serial}, firmware ${s.gun.firmware}` : '—'}
              {s.gun?.simulated ? ' (SIMULATED)' : ''}
            </dd>
            <dt>Profile</dt>
            <dd>{s.profile ? `${formatVolume(s.profile.doseNl)} at ${formatDepth(s.profile.depthUm)}, ${s.profile.mode}` : '—'}</dd>
            <dt>Thermotherapy</dt>
            <dd data-testid="thermo-record">{thermoRecord(s)}</dd>
            <dt>Total</dt>
            <dd data-testid="review-total">
              {s.totalShots} shots, {formatVolume(s.totalDeliveredNl)}
            </dd>
            <dt>Interruptions</dt>
            <dd data-testid="record-interruptions">{s.interruptions.length === 0 ? 'none' : s.interruptions.map((i) => interruptionText(i)).join(' ')}</dd>
            <dt>Limit overrides</dt>
            <dd>{overrides.length === 0 ? 'none' : overrides.map((o) => `${o.zone ? zoneLabel(o.zone) : 'session'}: ${o.reason ?? ''}`).join('; ')}</dd>
            <dt>Closing</dt>
            <dd>{s.closing ? `oil serum applied, aftercare given${s.closing.notes ? ` — ${s.closing.notes}` : ''}` : '—'}</dd>
          </dl>
        </section>
      </div>
      <ZoneTable s={s} />
      {s.limitEvents.length > 0 && (
        <section className="card" aria-labelledby="le-title">
          <h2 id="le-title">Limit events</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Kind</th>
                <th scope="col">Zone</th>
                <th scope="col">Detail</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {s.limitEvents.map((e) => (
                <tr key={e.id}>
                  <td>{fmtDateTime(e.at)}</td>
                  <td>{e.kind.replace('_', ' ')}</td>
                  <td>{e.zone ? zoneLabel(e.zone) : e.scope}</td>
                  <td>{humanizeMessage(e.detail)}</td>
                  <td>{e.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

export function Review({ s, onChanged }: { s: SessionView; onChanged: () => void }) {
  const api = useApi();
  const [password, setPassword] = useState('');
  const [withReviewer, setWithReviewer] = useState(false);
  const [rUser, setRUser] = useState('');
  const [rPass, setRPass] = useState('');
  const { busy, error, run } = useAction();
  const sign = async () => {
    const ok = await run(() =>
      api.call('sessions.sign', { sessionId: s.id, password, reviewedBy: withReviewer ? { username: rUser, password: rPass } : undefined }),
    );
    setPassword('');
    setRPass('');
    if (ok) onChanged();
  };
  return (
    <div className="stack">
      <SessionFacts s={s} />
      <section className="card stack" aria-labelledby="sign-title">
        <h2 id="sign-title">Sign the record</h2>
        <p>
          Meaning of this signature: <strong>I performed this session and this record of it is complete and accurate.</strong> Your name, the time and this
          meaning are bound to the record, which is then locked; later corrections are addenda.
        </p>
        <label className="field">
          Your password
          <input type="password" name="signPassword" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={withReviewer} onChange={(e) => setWithReviewer(e.target.checked)} />
          A supervisor co-signs as reviewer
        </label>
        {withReviewer && (
          <div className="grid2">
            <label className="field">
              Reviewer username
              <input value={rUser} onChange={(e) => setRUser(e.target.value)} autoComplete="off" />
            </label>
            <label className="field">
              Reviewer password
              <input type="password" value={rPass} onChange={(e) => setRPass(e.target.value)} autoComplete="off" />
            </label>
          </div>
        )}
        {error && <p className="error" role="alert">{error}</p>}
        <div className="row end">
          <button type="button" className="big" onClick={sign} disabled={busy || !password || (withReviewer && (!rUser || !rPass))}>
            Sign and lock the record
          </button>
        </div>
      </section>
    </div>
  );
}

export function SessionSummaryView({ s, onChanged }: { s: SessionView; onChanged: () => void }) {
  const api = useApi();
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const add = async () => {
    if (await run(() => api.call('sessions.addendum', { sessionId: s.id, text, reason }))) {
      setText('');
      setReason('');
      onChanged();
    }
  };
  return (
    <div className="stack">
      {s.status === 'locked' && (
        <div className="okbox" role="status" data-testid="signed">
          Signed and locked.{' '}
          {s.signatures.map((g) => `${g.displayName} (${g.meaning}) ${fmtDateTime(g.signedAt)}`).join(' · ')}
        </div>
      )}
      {s.status === 'aborted' && s.abort && (
        <div className="warnbox" role="status">
          Aborted during {s.abort.phase} at {fmtDateTime(s.abort.at)}: {s.abort.reason}
        </div>
      )}
      <SessionFacts s={s} />
      <section className="card stack" aria-labelledby="add-title">
        <h2 id="add-title">Addenda</h2>
        {s.addenda.length === 0 && <p className="muted">None.</p>}
        {s.addenda.map((a) => (
          <p key={a.id}>
            <strong>{fmtDateTime(a.at)} · {a.username}:</strong> {a.text} <span className="muted">({a.reason})</span>
          </p>
        ))}
        <label className="field">
          New addendum
          <textarea value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="field">
          Reason
          <input value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        <div className="row end">
          <button type="button" className="secondary" onClick={add} disabled={busy || !text.trim() || reason.trim().length < 3}>
            Add addendum
          </button>
        </div>
      </section>
    </div>
  );
}
