// New patient: identity and contact, allergies as the patient names them (any language), the
// screening answered question by question (seed 004: history and allergies before the first
// session), and the consent signed on a form. Nothing is answered or ticked for anyone.
import { useState } from 'react';
import { CONTRAINDICATION_LABELS, IDENTIFIER_RULE, SEXES, missingIdentifier, type Sex } from '../../electron/contract/patients.js';
import { FieldRefusal } from '../api/failure.js';
import { useAction, useApi } from '../api/hooks.js';
import { Actions, Field, Form, FormAlert, Select } from '../kit/index.js';
import { ContactFields, type Contact } from '../record/ContactFields.js';
import { ConsentCapture, type ConsentInput } from '../record/ConsentCapture.js';
import { ScreeningAnswers, unanswered, type Answers } from '../record/ScreeningAnswers.js';
import { useNavigate } from '../navigation.js';

const SEX_OPTIONS = SEXES.map((s) => [s, s] as const);

export function NewPatient() {
  const go = useNavigate();
  const api = useApi();
  const [fullName, setFullName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [clinicId, setClinicId] = useState('');
  const [sex, setSex] = useState<Sex | ''>('');
  const [contact, setContact] = useState<Contact>({ phone: '', email: '', language: '' });
  const { phone, email, language } = contact;
  const [allergies, setAllergies] = useState('');
  const [answers, setAnswers] = useState<Answers>({});
  const [note, setNote] = useState('');
  const [consent, setConsent] = useState<ConsentInput | null>(null);
  const { busy, failure, run } = useAction();

  const submit = async () => {
    const ids = { fullName: fullName.trim() || undefined, birthDate: birthDate || undefined, clinicId: clinicId.trim() || undefined };
    const created = await run(async () => {
      // Refused here, before anything is recorded: the patient is created with its screening or not at all.
      const missing = missingIdentifier(ids);
      if (missing) throw new FieldRefusal(missing, `Patient: ${IDENTIFIER_RULE}.`);
      if (!sex) throw new FieldRefusal('sex', 'Sex: choose female, male or other.');
      const open = unanswered(answers);
      if (open.length > 0) throw new FieldRefusal('screening', `Screening: answer every question. Not answered: ${open.map((c) => CONTRAINDICATION_LABELS[c]).join(', ')}.`);
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
    <Form className="stack" failure={failure} onSubmit={submit} aria-labelledby="np-title">
      <h1 id="np-title">New patient</h1>
      <section className="card stack" aria-labelledby="np-ids">
        <h2 id="np-ids">Identity and contact</h2>
        <p className="muted small">Two identifiers are required: any two of full name, date of birth and clinic id.</p>
        <div className="grid3">
          <Field label="Full name" field="fullName">
            <input name="fullName" value={fullName} onChange={(e) => setFullName(e.target.value)} autoFocus />
          </Field>
          <Field label="Date of birth" field="birthDate">
            <input name="birthDate" type="date" value={birthDate} onChange={(e) => setBirthDate(e.target.value)} />
          </Field>
          <Field label="Clinic id" field="clinicId">
            <input name="clinicId" value={clinicId} onChange={(e) => setClinicId(e.target.value)} />
          </Field>
          <Field label="Sex" hint="chooses the grading scale" field="sex">
            <Select name="sex" value={sex} onChoose={setSex} none="Choose…" options={SEX_OPTIONS} />
          </Field>
          <ContactFields value={contact} onChange={setContact} phoneHint="with the country code, e.g. +90 532 123 45 67" languageHint="for the consent form and aftercare" />
          <Field label="Allergies" hint="comma separated, in any language, e.g. lidokain, minoxidil" field="allergies" wide>
            <input name="allergies" value={allergies} onChange={(e) => setAllergies(e.target.value)} />
          </Field>
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
      <FormAlert />
      <Actions cancel={{ label: 'Cancel', onClick: () => go({ name: 'home' }) }}>
        <button type="submit" disabled={busy}>
          Save patient
        </button>
      </Actions>
    </Form>
  );
}
