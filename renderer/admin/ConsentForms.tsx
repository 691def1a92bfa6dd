// Admin: the consent forms, one per treatment and language. Every edit is a new version with its
// reason; a version can ask every patient who signed an earlier one to sign again.
import { useState, type FormEvent } from 'react';
import type { ConsentTemplateView } from '../../electron/contract/consents.js';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../electron/contract/patients.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { fmtDateTime } from '../format.js';

export function ConsentFormsScreen() {
  const forms = useLoad('consents.templates', {});
  const [editing, setEditing] = useState<ConsentTemplateView | 'new' | null>(null);
  const missing = LANGUAGES.filter((l) => !forms.data?.some((f) => f.language === l));
  return (
    <div className="stack">
      <div className="row between">
        <h1>Consent forms</h1>
        {missing.length > 0 && (
          <button type="button" onClick={() => setEditing('new')}>
            New form
          </button>
        )}
      </div>
      <section className="card" aria-labelledby="cf-title">
        <h2 id="cf-title">Hair mesotherapy</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">Language</th>
              <th scope="col">Title</th>
              <th scope="col">Version</th>
              <th scope="col">Saved</th>
              <th scope="col">Patients sign again</th>
              <th scope="col"><span className="sr-only">Edit</span></th>
            </tr>
          </thead>
          <tbody>
            {forms.data?.map((f) => (
              <tr key={f.templateId}>
                <td>{LANGUAGE_NAMES[f.language]}</td>
                <td lang={f.language}>{f.title}</td>
                <td className="num">v{f.version}</td>
                <td>
                  {fmtDateTime(f.createdAt)} {f.createdBy ? `by ${f.createdBy.name}` : '(installed)'}
                  {f.reason && <div className="small muted">{f.reason}</div>}
                </td>
                <td>{f.requiresReconsent ? 'yes, from this version' : 'no'}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => setEditing(f)} aria-label={`Edit the ${LANGUAGE_NAMES[f.language]} form`}>
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {editing && (
        <FormEditor
          key={editing === 'new' ? 'new' : editing.versionId}
          form={editing === 'new' ? null : editing}
          languages={editing === 'new' ? missing : []}
          onDone={() => {
            setEditing(null);
            forms.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function FormEditor({ form, languages, onDone, onCancel }: { form: ConsentTemplateView | null; languages: Language[]; onDone: () => void; onCancel: () => void }) {
  const api = useApi();
  const [language, setLanguage] = useState<Language>(form?.language ?? languages[0] ?? 'en');
  const [title, setTitle] = useState(form?.title ?? '');
  const [body, setBody] = useState(form?.body ?? '');
  const [reconsent, setReconsent] = useState<boolean | null>(null);
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (reconsent === null) return setError('Say whether patients who signed an earlier version must sign this one.');
    const saved = await run(() =>
      api.call('consents.saveTemplate', {
        templateId: form?.templateId,
        expectedVersion: form?.version,
        treatment: 'hair-mesotherapy',
        language,
        title,
        body,
        requiresReconsent: reconsent,
        reason,
      }),
    );
    if (saved) onDone();
  };
  return (
    <form className="card stack" onSubmit={submit} aria-labelledby="cf-edit">
      <h2 id="cf-edit">{form ? `Edit the ${LANGUAGE_NAMES[form.language]} form (version ${form.version + 1})` : 'New consent form'}</h2>
      {!form && (
        <label className="field">
          Language
          <select name="formLanguage" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {languages.map((l) => (
              <option key={l} value={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        Title
        <input name="formTitle" value={title} onChange={(e) => setTitle(e.target.value)} lang={language} />
      </label>
      <label className="field">
        Text the patient reads
        <textarea name="formBody" value={body} onChange={(e) => setBody(e.target.value)} rows={12} lang={language} />
      </label>
      <fieldset className="row">
        <legend>Must patients who signed an earlier version sign this one?</legend>
        <label className="check">
          <input type="radio" name="reconsent" checked={reconsent === true} onChange={() => setReconsent(true)} />
          Yes: their consent no longer allows a session
        </label>
        <label className="check">
          <input type="radio" name="reconsent" checked={reconsent === false} onChange={() => setReconsent(false)} />
          No: a wording change only
        </label>
      </fieldset>
      <label className="field">
        Reason for the change
        <input name="formReason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" disabled={busy || !reason.trim()}>
          Save as a new version
        </button>
      </div>
    </form>
  );
}
