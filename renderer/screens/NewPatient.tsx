// New patient: identity and contact, allergies as the patient names them (any language), the
// screening answered question by question (seed 004: history and allergies before the first
// session), and the consent signed on a form. Nothing is answered or ticked for anyone.
import { useState, type FormEvent } from 'react';
import { CONTRAINDICATION_LABELS, IDENTIFIER_RULE, LANGUAGES, LANGUAGE_NAMES, SEXES, missingIdentifier, type Language, type Sex } from '../../electron/contract/patients.js';
import { useAction, useApi } from '../api/hooks.js';
import { ConsentCapture, type ConsentInput } from '../record/ConsentCapture.js';
import { ScreeningAnswers, unanswered, type Answers } from '../record/ScreeningAnswers.js';
import { useNavigate } from '../navigation.js';

export function NewPatient() {
  const go = useNavigate();
  const api = useApi();
  const [fullName, setFullName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [clinicId, setClinicId] = useState('');
  const [sex, setSex] = useState<Sex | ''>('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [language, setLanguage] = useState<Language | ''>('');
  const [allergies, setAllergies] = useState('');
  const [answers, setAnswers] = useState<Answers>({});
  const [note, setNote] = useState('');
  const [consent, setConsent] = useState<ConsentInput | null>(null);
  const { busy, error, setError, run } = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ids = { fullName: fullName.trim() || undefined, birthDate: birthDate || undefined, clinicId: clinicId.trim() || undefined };
    if (missingIdentifier(ids)) return setError(`Patient: ${IDENTIFIER_RULE}.`);
    if (!sex) return setError('Sex: choose female, male or other.');
    const open = unanswered(answers);
    if (open.length > 0) return setError(`Screening: answer every question. Not answered: ${open.map((c) => CONTRAINDICATION_LABELS[c]).join(', ')}.`);
    const created = await run(async () => {
      const p = await api.call('patients.create', {
        ...ids,
        sex,
        phone: phone.trim() || undefined,
        email: email.trim() || undefined,
        preferredLanguage: language || undefined,
        allergies: allergies
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
      });
      await api.call('patients.recordScreening', { patientId: p.id, ...(answers as Required<Answers>), note: note.trim() || undefined });
      if (consent) await api.call('consents.record', { patientId: p.id, ...consent });
      return p;
    });
    if (created) go({ name: 'patient', id: created.id });
  };

  return (
    <form className="stack" onSubmit={submit} aria-labelledby="np-title">
      <h1 id="np-title">New patient</h1>
      <section className="card stack" aria-labelledby="np-ids">
        <h2 id="np-ids">Identity and contact</h2>
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
              <option value="">Choose…</option>
              {SEXES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            Phone <span className="hint">with the country code, e.g. +90 532 123 45 67</span>
            <input name="phone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
          </label>
          <label className="field">
            E-mail
            <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          </label>
          <label className="field">
            Preferred language <span className="hint">for the consent form and aftercare</span>
            <select name="preferredLanguage" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              <option value="">Not recorded</option>
              {LANGUAGES.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
          </label>
          <label className="field" style={{ gridColumn: 'span 2' }}>
            Allergies <span className="hint">comma separated, in any language, e.g. lidokain, minoxidil</span>
            <input name="allergies" value={allergies} onChange={(e) => setAllergies(e.target.value)} />
          </label>
        </div>
      </section>
      <section className="card stack" aria-labelledby="np-screen">
        <h2 id="np-screen">Screening</h2>
        <p className="muted small">Ask each question and record the patient's answer. A yes does not block treatment by itself: a clinician reviews it, and a serum contraindicated by it is refused.</p>
        <ScreeningAnswers idPrefix="np" answers={answers} onChange={setAnswers} note={note} onNote={setNote} />
      </section>
      <section className="card stack" aria-labelledby="np-consent">
        <h2 id="np-consent">Consent</h2>
        <p className="muted small">Read the form with the patient. A session cannot start until the patient has signed it; it can also be signed later from the patient's record.</p>
        <ConsentCapture language={language || null} onChange={setConsent} />
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
