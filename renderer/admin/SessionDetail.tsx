// One session's record, read-only: map, per-zone table, limit events, the shot timeline, signatures,
// addenda. Admins reach it from the session records, clinicians from the patient's past sessions.
import { useLoad } from '../api/hooks.js';
import { AddendaList, SessionFacts } from '../session/SessionFacts.js';
import { fmtDateTime } from '../format.js';
import { useNavigate, type Route } from '../navigation.js';
import { ShotTimeline } from './ShotTimeline.js';

const BACK_WORDS: Partial<Record<Route['name'], string>> = { patient: 'Back to the patient', quality: 'Back to the quality dashboard', reviewQueue: 'Back to the review queue' };

export function SessionDetail({ id, back }: { id: number; back: Route }) {
  const go = useNavigate();
  const session = useLoad('sessions.get', { sessionId: id });
  const s = session.data;
  const patient = useLoad('patients.get', s ? { id: s.patientId } : null);
  if (session.error) return <p className="error" role="alert">{session.error}</p>;
  if (!s) return <p>Loading…</p>;
  return (
    <div className="stack">
      <div className="row between">
        <div>
          <h1>Session {s.id}</h1>
          <p className="muted">
            {patient.data ? `${patient.data.fullName ?? patient.data.clinicId} (born ${patient.data.birthDate ?? '-'})` : `Patient #${s.patientId}`} · {fmtDateTime(s.startedAt)} ·{' '}
            {s.status === 'in_progress' ? 'in progress' : s.status}
          </p>
        </div>
        <div className="row no-print">
          <button type="button" className="secondary" onClick={() => window.print()}>
            Print
          </button>
          <button type="button" className="secondary" onClick={() => go(back)}>
            {BACK_WORDS[back.name] ?? 'Back to records'}
          </button>
        </div>
      </div>
      {s.signatures.length > 0 && (
        <p className="okbox">
          {s.signatures.map((g) => `${g.displayName} signed (${g.meaning}) ${fmtDateTime(g.signedAt)}`).join(' · ')}
        </p>
      )}
      <SessionFacts s={s} />
      <ShotTimeline sessionId={s.id} />
      {s.addenda.length > 0 && (
        <section className="card stack" aria-labelledby="ad-title">
          <h2 id="ad-title">Addenda</h2>
          <AddendaList addenda={s.addenda} />
        </section>
      )}
    </div>
  );
}
