// Changing a patient's phone, e-mail or preferred language, with the reason (the record keeps the
// old and new values in the audit trail). An empty field clears it.
import { useState } from 'react';
import type { PatientView } from '../../electron/contract/patients.js';
import { useAction, useApi } from '../api/hooks.js';
import { Form, FormEnd, TextField } from '../kit/index.js';
import { useT } from '../i18n/I18n.js';
import { ContactFields, type Contact } from './ContactFields.js';

export function ContactEdit({ p, onDone, onCancel }: { p: PatientView; onDone: () => void; onCancel: () => void }) {
  const api = useApi();
  const t = useT();
  const [contact, setContact] = useState<Contact>({ phone: p.phone ?? '', email: p.email ?? '', language: p.preferredLanguage ?? '' });
  const [reason, setReason] = useState('');
  const { busy, failure, run } = useAction();
  const submit = async () => {
    const { phone, email, language } = contact;
    const saved = await run(() => api.call('patients.update', { id: p.id, reason, phone: phone.trim() || null, email: email.trim() || null, preferredLanguage: language || null }));
    if (saved) onDone();
  };
  return (
    <Form className="card stack" failure={failure} onSubmit={submit} aria-labelledby="contact-edit">
      <h2 id="contact-edit">{t('contact.title')}</h2>
      <div className="grid3">
        <ContactFields value={contact} onChange={setContact} phoneHint={t('contact.phoneHint')} />
      </div>
      <TextField label={t('contact.reason')} field="reason" name="contactReason" value={reason} onText={setReason} />
      <FormEnd submit={t('contact.save')} disabled={busy || !reason.trim()} cancel={{ label: t('common.cancel'), onClick: onCancel }} />
    </Form>
  );
}
