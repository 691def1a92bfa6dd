// New patient: identity and contact, allergies as the patient names them (any language), the
// screening answered question by question (seed 004: history and allergies before the first
// session), and the consent signed on a form. Nothing is answered or ticked for anyone.
import { useState } from 'react';
import { SEXES, missingIdentifier, type Sex } from '../../electron/contract/patients.js';
import { FieldRefusal } from '../api/failure.js';
import { useAction, useApi } from '../api/hooks.js';
import { Card, Field, Form, FormEnd, Select, TextField } from '../kit/index.js';
import { ContactFields, type Contact } from '../record/ContactFields.js';
import { ConsentCapture, type ConsentInput } from '../record/ConsentCapture.js';
import { ScreeningAnswers, unansweredRefusal, type Answers } from '../record/ScreeningAnswers.js';
import { SEX_WORDS } from '../record/words.js';
import { useNavigate } from '../navigation.js';
import { useT } from '../i18n/I18n.js';

export function NewPatient() {
  const go = useNavigate();
  const api = useApi();
  const t = useT();
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
      if (missing) throw new FieldRefusal(missing, t('newPatient.identifiersRefused'));
      if (!sex) throw new FieldRefusal('sex', t('newPatient.sexRefused'));
      const open = unansweredRefusal(answers, t);
      if (open) throw new FieldRefusal('screening', open);
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
      <h1 id="np-title">{t('newPatient.title')}</h1>
      <Card title={t('newPatient.identity')} titleId="np-ids">
        <p className="muted small">{t('newPatient.identifiersNote')}</p>
        <div className="grid3">
          <Field label={t('newPatient.fullName')} field="fullName">
            <input name="fullName" value={fullName} onChange={(e) => setFullName(e.target.value)} autoFocus />
          </Field>
          <TextField label={t('newPatient.birthDate')} field="birthDate" name="birthDate" type="date" value={birthDate} onText={setBirthDate} />
          <TextField label={t('newPatient.clinicId')} field="clinicId" name="clinicId" value={clinicId} onText={setClinicId} />
          <Field label={t('newPatient.sex')} hint={t('newPatient.sexHint')} field="sex">
            <Select name="sex" value={sex} onChoose={setSex} none={t('common.choose')} options={SEXES.map((s) => [s, t(SEX_WORDS[s])] as const)} />
          </Field>
          <ContactFields value={contact} onChange={setContact} phoneHint={t('contact.phoneHintExample')} languageHint={t('contact.languageHint')} />
          <TextField label={t('newPatient.allergies')} hint={t('newPatient.allergiesHint')} field="allergies" wide name="allergies" value={allergies} onText={setAllergies} />
        </div>
      </Card>
      <Card title={t('screening.title')} titleId="np-screen">
        <p className="muted small">{t('newPatient.screeningNote')}</p>
        <ScreeningAnswers idPrefix="np" answers={answers} onChange={setAnswers} note={note} onNote={setNote} />
      </Card>
      <Card title={t('consent.title')} titleId="np-consent">
        <p className="muted small">{t('newPatient.consentNote')}</p>
        <ConsentCapture language={language || null} onChange={setConsent} />
      </Card>
      <FormEnd submit={t('newPatient.save')} disabled={busy} cancel={{ label: t('common.cancel'), onClick: () => go({ name: 'home' }) }} />
    </Form>
  );
}
