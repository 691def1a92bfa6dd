// Admin: the consent forms, one per treatment and language. Every edit is a new version with its
// reason; a version can ask every patient who signed an earlier one to sign again.
import { useState } from 'react';
import type { ConsentTemplateView } from '../../electron/contract/consents.js';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../electron/contract/patients.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { fmtDateTime } from '../format.js';
import { Actions, DataTable, Field, Form, FormAlert, Radios, Select, type Column } from '../kit/index.js';
import { LANGUAGE_OPTIONS } from '../record/languages.js';

function formColumns(edit: (f: ConsentTemplateView) => void): Column<ConsentTemplateView>[] {
  return [
    { id: 'language', header: 'Language', cell: (f) => LANGUAGE_NAMES[f.language], sort: (f) => LANGUAGE_NAMES[f.language] },
    { id: 'title', header: 'Title', cell: (f) => <span lang={f.language}>{f.title}</span> },
    { id: 'version', header: 'Version', cell: (f) => `v${f.version}`, numeric: true },
    {
      id: 'saved',
      header: 'Saved',
      sort: (f) => f.createdAt,
      cell: (f) => (
        <>
          {fmtDateTime(f.createdAt)} {f.createdBy ? `by ${f.createdBy.name}` : '(installed)'}
          {f.reason && <div className="small muted">{f.reason}</div>}
        </>
      ),
    },
    { id: 'reconsent', header: 'Patients sign again', cell: (f) => (f.requiresReconsent ? 'yes, from this version' : 'no') },
    {
      id: 'edit',
      header: 'Edit',
      headerHidden: true,
      cell: (f) => (
        <button type="button" className="secondary" onClick={() => edit(f)} aria-label={`Edit the ${LANGUAGE_NAMES[f.language]} form`}>
          Edit
        </button>
      ),
    },
  ];
}

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
        <DataTable caption="Consent forms for hair mesotherapy" columns={formColumns(setEditing)} rows={forms.data} rowKey={(f) => f.templateId} empty="No consent form yet." />
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
  const [reconsent, setReconsent] = useState<'yes' | 'no' | null>(null);
  const [reason, setReason] = useState('');
  const { busy, failure, setError, run } = useAction();
  const submit = async () => {
    if (reconsent === null) return setError('Say whether patients who signed an earlier version must sign this one.');
    const saved = await run(() =>
      api.call('consents.saveTemplate', {
        templateId: form?.templateId,
        expectedVersion: form?.version,
        treatment: 'hair-mesotherapy',
        language,
        title,
        body,
        requiresReconsent: reconsent === 'yes',
        reason,
      }),
    );
    if (saved) onDone();
  };
  return (
    <Form className="card stack" failure={failure} onSubmit={submit} aria-labelledby="cf-edit">
      <h2 id="cf-edit">{form ? `Edit the ${LANGUAGE_NAMES[form.language]} form (version ${form.version + 1})` : 'New consent form'}</h2>
      {!form && (
        <Field label="Language" field="language">
          <Select name="formLanguage" value={language} onChoose={(l) => l && setLanguage(l)} options={LANGUAGE_OPTIONS.filter(([l]) => languages.includes(l))} />
        </Field>
      )}
      <Field label="Title" field="title">
        <input name="formTitle" value={title} onChange={(e) => setTitle(e.target.value)} lang={language} />
      </Field>
      <Field label="Text the patient reads" field="body">
        <textarea name="formBody" value={body} onChange={(e) => setBody(e.target.value)} rows={12} lang={language} />
      </Field>
      <Radios
        legend="Must patients who signed an earlier version sign this one?"
        name="reconsent"
        value={reconsent}
        onChoose={setReconsent}
        options={[
          ['yes', 'Yes: their consent no longer allows a session'],
          ['no', 'No: a wording change only'],
        ]}
      />
      <Field label="Reason for the change" field="reason">
        <input name="formReason" value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <FormAlert />
      <Actions cancel={{ label: 'Cancel', onClick: onCancel }}>
        <button type="submit" disabled={busy || !reason.trim()}>
          Save as a new version
        </button>
      </Actions>
    </Form>
  );
}
