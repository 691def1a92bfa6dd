// How to reach a patient: phone (checked against the country's numbering plan by the core), e-mail and
// the language the consent form and aftercare come in. The same fields on a new patient and on a
// change of contact details; a refusal naming one is shown at it.
import type { Language } from '../../electron/contract/patients.js';
import { useT } from '../i18n/I18n.js';
import { Field, Select } from '../kit/index.js';
import { LANGUAGE_OPTIONS } from './languages.js';

export interface Contact {
  phone: string;
  email: string;
  language: Language | '';
}

export function ContactFields({ value, onChange, phoneHint, languageHint }: { value: Contact; onChange: (c: Contact) => void; phoneHint: string; languageHint?: string }) {
  const t = useT();
  return (
    <>
      <Field label={t('contact.phone')} hint={phoneHint} field="phone">
        <input name="phone" type="tel" value={value.phone} onChange={(e) => onChange({ ...value, phone: e.target.value })} />
      </Field>
      <Field label={t('contact.email')} field="email">
        <input name="email" type="email" value={value.email} onChange={(e) => onChange({ ...value, email: e.target.value })} />
      </Field>
      <Field label={t('contact.language')} hint={languageHint} field="preferredLanguage">
        <Select name="preferredLanguage" value={value.language} onChoose={(language) => onChange({ ...value, language })} none={t('contact.notRecorded')} options={LANGUAGE_OPTIONS} />
      </Field>
    </>
  );
}
