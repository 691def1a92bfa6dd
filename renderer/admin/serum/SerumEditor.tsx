// The serum editor: people type µL, mm, % and days in their own decimal mark; the contract takes nL
// and µm. Every save of an existing serum is a new version with its reason.
import { useEffect, useState } from 'react';
import { INJECTION_MODES, SERUM_CONTRAINDICATIONS, type InjectionMode, type SerumVersionView } from '../../../electron/contract/serum.js';
import { useAction, useApi } from '../../api/hooks.js';
import { useT } from '../../i18n/I18n.js';
import { Check, Field, Form, FormEnd, Select, TextField, UnitInput, toggle, useQuantities } from '../../kit/index.js';
import { FIGURES, LIMIT_GROUPS, fromDraft, toDraft, type Draft } from './draft.js';

export function SerumEditor({ base, onSaved }: { base: SerumVersionView | null; onSaved: () => void }) {
  const api = useApi();
  const t = useT();
  const q = useQuantities();
  const modeOptions = INJECTION_MODES.map((m) => [m, t('admin.mode', { mode: m })] as const);
  const [d, setD] = useState<Draft>(() => toDraft(base, q.text));
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  const { busy, failure, run } = useAction();
  useEffect(() => setSaved(false), [d]);
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD({ ...d, [k]: v });
  /** A figure's field, by its contract path. */
  const figure = (path: string, wide?: boolean) => {
    const f = FIGURES[path]!;
    return (
      <Field key={path} label={t(f.label)} field={path} hint={f.optional ? t('admin.serumEditor.noMaximum') : undefined} style={wide ? { flex: 1, minWidth: 90 } : undefined}>
        <UnitInput quantity={f.quantity} name={f.name} text={d.figures[path] ?? ''} onText={(text) => set('figures', { ...d.figures, [path]: text })} />
      </Field>
    );
  };

  const submit = async () => {
    const v = await run(() => {
      const def = fromDraft(d, q.read, t);
      // Every change is a draft: another admin approves and publishes it (admin/quality/SerumDrafts.tsx).
      return api.call('serum.drafts.create', base ? { serumId: base.serumId, baseVersion: base.version, reason, ...def } : def);
    });
    if (v) {
      setSaved(true);
      setReason('');
      onSaved();
    }
  };

  return (
    <Form className="card stack" failure={failure} onSubmit={submit} aria-labelledby="se-title">
      <h2 id="se-title">{base ? t('admin.serumEditor.changeTitle', { name: base.name, version: base.version }) : t('admin.serumEditor.newTitle')}</h2>
      {base?.example && <p className="warnbox">{t('admin.serumEditor.example')}</p>}
      <div className="grid2">
        <Field label={t('admin.name')} field="name">
          <input name="serumName" value={d.name} onChange={(e) => set('name', e.target.value)} />
        </Field>
        <Field label={t('admin.serums.allergens')} hint={t('admin.serumEditor.allergensHint')} field="allergens">
          <input name="allergens" value={d.allergens} onChange={(e) => set('allergens', e.target.value)} />
        </Field>
        <Field label={t('admin.serumEditor.components')} hint={t('admin.serumEditor.commaSeparated')} field="components" wide>
          <input name="components" value={d.components} onChange={(e) => set('components', e.target.value)} />
        </Field>
      </div>
      <div className="grid2">
        {LIMIT_GROUPS.map((g) => (
          <fieldset key={g.key} className="stack boxed">
            <legend>{t(g.legend)}</legend>
            <div className="row">{Object.keys(g.bounds).map((b) => figure(`${g.key}.${b}`, true))}</div>
          </fieldset>
        ))}
      </div>
      <fieldset className="row plain">
        <legend className="small muted">{t('admin.serumEditor.allowedModes')}</legend>
        {modeOptions.map(([m, words]) => (
          <Check key={m} checked={d.modes.includes(m)} onCheck={(on) => set('modes', toggle(d.modes, m, on))}>
            {words}
          </Check>
        ))}
      </fieldset>
      <fieldset className="row plain">
        <legend className="small muted">{t('admin.serumEditor.contraindicated')}</legend>
        {SERUM_CONTRAINDICATIONS.map((c) => (
          <Check key={c} name={`contra-${c}`} checked={d.contraindications.includes(c)} onCheck={(on) => set('contraindications', toggle(d.contraindications, c, on))}>
            {t('admin.contraindication', { code: c })}
          </Check>
        ))}
      </fieldset>
      <div className="grid3">
        {figure('minDaysBetweenSessions')}
        {figure('maxDaysBetweenSessions')}
      </div>
      <fieldset className="stack boxed">
        <legend>{t('admin.serumEditor.defaultProfile')}</legend>
        <div className="grid3">
          {figure('defaultProfile.doseNl')}
          {figure('defaultProfile.depthUm')}
          <Field label={t('admin.serumEditor.mode')} field="defaultProfile.mode">
            <Select name="profileMode" value={d.mode} onChoose={(m) => m && set('mode', m as InjectionMode)} options={modeOptions} />
          </Field>
          {figure('defaultProfile.entryPct')}
          {figure('defaultProfile.dwellPct')}
          {figure('defaultProfile.exitPct')}
        </div>
      </fieldset>
      <Field label={t('admin.serumEditor.notes')} field="notes">
        <textarea name="notes" value={d.notes} onChange={(e) => set('notes', e.target.value)} />
      </Field>
      {base && (
        <TextField label={t('admin.serumEditor.reason')} hint={t('admin.serumEditor.reasonHint')} field="reason" required name="reason" value={reason} onText={setReason} />
      )}
      <FormEnd submit={base ? t('admin.serumEditor.draftChange') : t('admin.serumEditor.draftNew')} disabled={busy || (!!base && !reason.trim())} done={saved && t('admin.serumEditor.drafted')} />
    </Form>
  );
}
