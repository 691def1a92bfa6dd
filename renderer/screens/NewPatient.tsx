// New patient with screening (seed 004: history and allergies before the first session) and consent.
import { useState, type FormEvent } from 'react';
import { CONTRAINDICATIONS, CONTRAINDICATION_LABELS, IDENTIFIER_RULE, SEXES, missingIdentifier, type Contraindication, type Sex } from '../../electron/contract/patients.js';
import { useAction, useApi } from '../api/hooks.js';
import type { Go } from './SignedIn.js';

export function NewPatient({ go }: { go: Go }) {
  const api = useApi();
  const [fullName, setFullName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [clinicId, setClinicId] = useState('');
  const [sex, setSex] = useState<Sex>('female');
  const [allergies, setAllergies] = useState('');
  const [checks, setChecks] = useState<Record<Contraindication, boolean>>(() => Object.fromEntries(CONTRAINDICATIONS.map((c) => [c, false])) as Record<Contraindication, boolean>);
  const [note, setNote] = useState('');
  const [consent, setConsent] = useState(true);
  const { busy, error, setError, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ids = { fullName: fullName.trim() || undefined, birthDate: birthDate || undefined, clinicId: clinicId.trim() || undefined };
    if (missingIdentifier(ids)) return setError(`Patient: ${IDENTIFIER_RULE}.`);
    const created = await run(async () => {
      const p = await api.call('patients.create', {
        ...ids,
        sex,
        allergies: allergies
          .split(',')
          .map((a) => a.trim().toLowerCase().replace(/\s+/g, '-'))
          .filter(Boolean),
      });
      await api.call('patients.recordScreening', { patientId: p.id, ...checks, note: note.trim() || undefined });
      return p;
    });
    if (created) go({ name: 'patient', id: created.id });
  };

  return (
    <form className="stack" onSubmit={submit} aria-labelledby="np-title">
      <h1 id="np-title">New patient</h1>
      <section className="card stack" aria-labelledby="np-ids">
        <h2 id="np-ids">Identity</h2>
        <p className="muted small">Two identifiers are required: any two of full name, date of birth and clinic id.</p>
        <div className="grid3">
          <label className="field">
            Full name
            <input name="fullName" value={fullName} onChange={(e) => setFullName(e.target.value)} autoFocus />
          </label>
          <label className="field">
            Date of birth
            <input name="birthDate" type="date" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} />
          </label>
          <label className="field">
            Clinic id
            <input name="clinicId" value={clinicId} onChange={(e) => setClinicId(e.target.value)} />
          </label>
          <label className="field">
            Sex <span className="hint">chooses the grading scale</span>
            <select name="sex" value={sex} onChange={(e) => setSex(e.target.value as Sex)}>
              {SEXES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="field" style={{ gridColumn: 'span 2' }}>
            Allergies <span className="hint">comma separated, e.g. lidocaine, minoxidil</span>
            <input name="allergies" value={allergies} onChange={(e) => setAllergies(e.target.value)} />
          </label>
        </div>
      </section>
      <section className="card stack" aria-labelledby="np-screen">
        <h2 id="np-screen">Screening</h2>
        <p className="muted small">Tick every item that applies. A ticked item does not block treatment; a clinician reviews it before the first session.</p>
        <div className="grid2">
          {CONTRAINDICATIONS.map((c) => (
            <label key={c} className="check">
              <input type="checkbox" name={`ci-${c}`} checked={checks[c]} onChange={(e) => setChecks({ ...checks, [c]: e.target.checked })} />
              {CONTRAINDICATION_LABELS[c]}
            </label>
          ))}
        </div>
        <label className="field">
          Screening note {checks.other && <span className="hint">required: describe the other contraindication</span>}
          <textarea name="screeningNote" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" name="consent" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
          The patient gave informed consent today
        </label>
      </section>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="row end">
        <button type="button" className="secondary" onClick={() => go({ name: 'home' })}>
          Cancel
        </button>
        <button type="submit" disabled={busy}>
          Save patient
        </button>
      </div>
    </form>
  );
}
