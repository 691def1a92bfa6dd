// Changing a patient's phone, e-mail or preferred language, with the reason (the record keeps the
// old and new values in the audit trail). An empty field clears it.
import { useState, type FormEvent } from 'react';
import { LANGUAGES, LANGUAGE_NAMES, type Language, type PatientView } from '../../electron/contract/patients.js';
import { useAction, useApi } from '../api/hooks.js';

export function ContactEdit({ p, onDone, onCancel }: { p: PatientView; onDone: () => void; onCancel: () => void }) {
  const api = useApi();
  const [phone, setPhone] = useState(p.phone ?? '');
  const [email, setEmail] = useState(p.email ?? '');
  const [language, setLanguage] = useState<Language | ''>(p.preferredLanguage ?? '');
  const [reason, setReason] = useState('');
  const { busy, error, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await run(() => api.call('patients.update', { id: p.id, reason, phone: phone.trim() || null, email: email.trim() || null, preferredLanguage: language || null }));
    if (saved) onDone();
  };
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="contact-edit">
      <h2 id="contact-edit">Contact details</h2>
      <div className="grid3">
        <label className="field">
          Phone <span className="hint">with the country code</span>
          <input name="phone" type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </label>
        <label className="field">
          E-mail
          <input name="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label className="field">
          Preferred language
          <select name="preferredLanguage" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            <option value="">Not recorded</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        Reason for the change
        <input name="contactReason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={busy || !reason.trim()}>
          Save contact details
        </button>
      </div>
    </form>
  );
}
