// The latest screening with its date and who recorded it, and an update: every question asked again
// (nothing carried over as an answer), with the reason it changed.
import { useState, type FormEvent } from 'react';
import { CONTRAINDICATION_LABELS, CONTRAINDICATIONS, type PatientView } from '../../electron/contract/patients.js';
import { useAction, useApi } from '../api/hooks.js';
import { fmtDateTime } from '../format.js';
import { ScreeningAnswers, unanswered, type Answers } from './ScreeningAnswers.js';

export function ScreeningSummary({ p }: { p: PatientView }) {
  const s = p.screening;
  if (!s) return <p className="warnbox">No screening recorded. Screen the patient before the first session.</p>;
  return (
    <div className="stack">
      <p>
        Recorded {fmtDateTime(s.recordedAt)} by {s.recordedBy.name}
        {s.reason ? ` · changed because: ${s.reason}` : ''}
      </p>
      <ul className="grid2" aria-label="Screening answers">
        {CONTRAINDICATIONS.map((c) => (
          <li key={c}>
            {CONTRAINDICATION_LABELS[c]}: <strong>{s[c] ? 'Yes' : 'No'}</strong>
          </li>
        ))}
      </ul>
      {s.note && <p className="muted">Note: {s.note}</p>}
    </div>
  );
}

export function ScreeningUpdate({ p, onDone, onCancel }: { p: PatientView; onDone: () => void; onCancel?: () => void }) {
  const api = useApi();
  const [answers, setAnswers] = useState<Answers>({});
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const first = p.screening === null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const open = unanswered(answers);
    if (open.length > 0) return setError(`Screening: answer every question. Not answered: ${open.map((c) => CONTRAINDICATION_LABELS[c]).join(', ')}.`);
    if (await run(() => api.call('patients.recordScreening', { patientId: p.id, ...(answers as Required<Answers>), note: note.trim() || undefined, reason: first ? undefined : reason }))) onDone();
  };
  return (
    <form className="stack" onSubmit={submit} aria-label={first ? 'Record the screening' : 'Update the screening'}>
      <ScreeningAnswers idPrefix="upd" answers={answers} onChange={setAnswers} note={note} onNote={setNote} />
      {!first && (
        <label className="field">
          Why did the screening change?
          <input name="screeningReason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
        <button type="submit" disabled={busy || (!first && !reason.trim())}>
          {first ? 'Record screening' : 'Save the updated screening'}
        </button>
      </div>
    </form>
  );
}

export function ScreeningCard({ p, onChanged, canEdit }: { p: PatientView; onChanged: () => void; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <section className="card stack" aria-labelledby="pt-screen">
      <div className="row between">
        <h2 id="pt-screen">Screening</h2>
        {canEdit && !editing && (
          <button type="button" className="secondary" onClick={() => setEditing(true)}>
            {p.screening ? 'Update screening' : 'Record screening'}
          </button>
        )}
      </div>
      {editing ? (
        <ScreeningUpdate
          p={p}
          onCancel={() => setEditing(false)}
          onDone={() => {
            setEditing(false);
            onChanged();
          }}
        />
      ) : (
        <ScreeningSummary p={p} />
      )}
    </section>
  );
}
