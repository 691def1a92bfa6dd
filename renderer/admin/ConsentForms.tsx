// Admin: the consent forms, one per treatment and language. Every edit is a new version with its
// reason; a version can ask every patient who signed an earlier one to sign again.
import { useState } from 'react';
import type { ConsentTemplateView } from '../../electron/contract/consents.js';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../electron/contract/patients.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { Card, DataTable, Field, Form, FormEnd, Radios, Screen, Select, TextField, buttonColumn, type Column } from '../kit/index.js';
import { LANGUAGE_OPTIONS } from '../record/languages.js';

function formColumns(t: Translate, fmt: Format, edit: (f: ConsentTemplateView) => void): Column<ConsentTemplateView>[] {
  return [
    { id: 'language', header: t('admin.language'), cell: (f) => LANGUAGE_NAMES[f.language], sort: (f) => LANGUAGE_NAMES[f.language] },
    { id: 'title', header: t('admin.consentForms.formTitle'), cell: (f) => <span lang={f.language}>{f.title}</span> },
    { id: 'version', header: t('admin.version'), cell: (f) => t('admin.versionN', { version: f.version }), numeric: true },
    {
      id: 'saved',
      header: t('admin.consentForms.saved'),
      sort: (f) => f.createdAt,
      cell: (f) => (
        <>
          {f.createdBy ? t('admin.consentForms.savedBy', { when: fmt.dateTime(f.createdAt), name: f.createdBy.name }) : t('admin.consentForms.installed', { when: fmt.dateTime(f.createdAt) })}
          {f.reason && <div className="small muted">{f.reason}</div>}
        </>
      ),
    },
    { id: 'reconsent', header: t('admin.consentForms.signAgain'), cell: (f) => (f.requiresReconsent ? t('admin.consentForms.signAgainYes') : t('admin.consentForms.signAgainNo')) },
    buttonColumn({ id: 'edit', header: t('admin.consentForms.edit'), label: t('admin.consentForms.edit'), onClick: edit, ariaLabel: (f) => t('admin.consentForms.editLabel', { language: LANGUAGE_NAMES[f.language] }) }),
  ];
}

export function ConsentFormsScreen() {
  const t = useT();
  const fmt = useFormat();
  const forms = useLoad('consents.templates', {});
  const [editing, setEditing] = useState<ConsentTemplateView | 'new' | null>(null);
  const missing = LANGUAGES.filter((l) => !forms.data?.some((f) => f.language === l));
  return (
    <Screen title={t('route.consentForms')} action={missing.length > 0 && { label: t('admin.consentForms.newForm'), onClick: () => setEditing('new') }}>
      <Card title={t('admin.consentForms.treatment')} titleId="cf-title" flat>
        <DataTable caption={t('admin.consentForms.caption')} columns={formColumns(t, fmt, setEditing)} rows={forms.data} rowKey={(f) => f.templateId} empty={t('admin.consentForms.none')} />
      </Card>
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
    </Screen>
  );
}

function FormEditor({ form, languages, onDone, onCancel }: { form: ConsentTemplateView | null; languages: Language[]; onDone: () => void; onCancel: () => void }) {
  const api = useApi();
  const t = useT();
  const [language, setLanguage] = useState<Language>(form?.language ?? languages[0] ?? 'en');
  const [title, setTitle] = useState(form?.title ?? '');
  const [body, setBody] = useState(form?.body ?? '');
  const [reconsent, setReconsent] = useState<'yes' | 'no' | null>(null);
  const [reason, setReason] = useState('');
  const { busy, failure, setError, run } = useAction();
  const submit = async () => {
    if (reconsent === null) return setError(t('admin.consentForms.sayReconsent'));
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
      <h2 id="cf-edit">{form ? t('admin.consentForms.editTitle', { language: LANGUAGE_NAMES[form.language], version: form.version + 1 }) : t('admin.consentForms.newTitle')}</h2>
      {!form && (
        <Field label={t('admin.language')} field="language">
          <Select name="formLanguage" value={language} onChoose={(l) => l && setLanguage(l)} options={LANGUAGE_OPTIONS.filter(([l]) => languages.includes(l))} />
        </Field>
      )}
      <Field label={t('admin.consentForms.formTitle')} field="title">
        <input name="formTitle" value={title} onChange={(e) => setTitle(e.target.value)} lang={language} />
      </Field>
      <Field label={t('admin.consentForms.body')} field="body">
        <textarea name="formBody" value={body} onChange={(e) => setBody(e.target.value)} rows={12} lang={language} />
      </Field>
      <Radios
        legend={t('admin.consentForms.reconsentQuestion')}
        name="reconsent"
        value={reconsent}
        onChoose={setReconsent}
        options={[
          ['yes', t('admin.consentForms.reconsentYes')],
          ['no', t('admin.consentForms.reconsentNo')],
        ]}
      />
      <TextField label={t('admin.consentForms.reason')} field="reason" name="formReason" value={reason} onText={setReason} />
      <FormEnd submit={t('admin.consentForms.save')} disabled={busy || !reason.trim()} cancel={{ label: t('admin.cancel'), onClick: onCancel }} />
    </Form>
  );
}
