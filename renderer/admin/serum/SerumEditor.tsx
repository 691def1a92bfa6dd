// The serum editor: people type µL, mm, % and days in their own decimal mark; the contract takes nL
// and µm. Every save of an existing serum is a new version with its reason.
import { useEffect, useState } from 'react';
import { CONTRAINDICATION_LABELS } from '../../../electron/contract/patients.js';
import { INJECTION_MODES, SERUM_CONTRAINDICATIONS, type InjectionMode, type SerumVersionView } from '../../../electron/contract/serum.js';
import { useAction, useApi } from '../../api/hooks.js';
import { Actions, Check, Field, Form, FormAlert, Select, UnitInput, useQuantities } from '../../kit/index.js';
import { FIGURES, LIMIT_GROUPS, fromDraft, toDraft, type Draft } from './draft.js';

const MODE_OPTIONS = INJECTION_MODES.map((m) => [m, m] as const);

/** Ticks for a set of values: adding or removing one keeps the others. */
function toggle<T>(all: readonly T[], v: T, on: boolean): T[] {
  return on ? [...all, v] : all.filter((x) => x !== v);
}

export function SerumEditor({ base, onSaved }: { base: SerumVersionView | null; onSaved: () => void }) {
  const api = useApi();
  const q = useQuantities();
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
      <Field key={path} label={f.label} field={path} hint={f.optional ? 'empty: no maximum' : undefined} style={wide ? { flex: 1, minWidth: 90 } : undefined}>
        <UnitInput quantity={f.quantity} name={f.name} text={d.figures[path] ?? ''} onText={(t) => set('figures', { ...d.figures, [path]: t })} />
      </Field>
    );
  };

  const submit = async () => {
    const v = await run(() => {
      const def = fromDraft(d, q.read);
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
      <h2 id="se-title">{base ? `Change ${base.name} (v${base.version}; a draft until another administrator approves it)` : 'New serum (a draft until another administrator approves it)'}</h2>
      {base?.example && <p className="warnbox">This entry was seeded as an example. Review every limit before clinical use.</p>}
      <div className="grid2">
        <Field label="Name" field="name">
          <input name="serumName" value={d.name} onChange={(e) => set('name', e.target.value)} />
        </Field>
        <Field label="Allergens" hint="comma separated, any language (matched as standard allergens)" field="allergens">
          <input name="allergens" value={d.allergens} onChange={(e) => set('allergens', e.target.value)} />
        </Field>
        <Field label="Components" hint="comma separated" field="components" wide>
          <input name="components" value={d.components} onChange={(e) => set('components', e.target.value)} />
        </Field>
      </div>
      <div className="grid2">
        {LIMIT_GROUPS.map((g) => (
          <fieldset key={g.key} className="stack boxed">
            <legend>{g.legend}</legend>
            <div className="row">{g.bounds.map((b) => figure(`${g.key}.${b}`, true))}</div>
          </fieldset>
        ))}
      </div>
      <fieldset className="row plain">
        <legend className="small muted">Allowed modes</legend>
        {INJECTION_MODES.map((m) => (
          <Check key={m} checked={d.modes.includes(m)} onCheck={(on) => set('modes', toggle(d.modes, m, on))}>
            {m}
          </Check>
        ))}
      </fieldset>
      <fieldset className="row plain">
        <legend className="small muted">Contraindicated when the screening answers yes to</legend>
        {SERUM_CONTRAINDICATIONS.map((c) => (
          <Check key={c} name={`contra-${c}`} checked={d.contraindications.includes(c)} onCheck={(on) => set('contraindications', toggle(d.contraindications, c, on))}>
            {CONTRAINDICATION_LABELS[c]}
          </Check>
        ))}
      </fieldset>
      <div className="grid3">
        {figure('minDaysBetweenSessions')}
        {figure('maxDaysBetweenSessions')}
      </div>
      <fieldset className="stack boxed">
        <legend>Default profile</legend>
        <div className="grid3">
          {figure('defaultProfile.doseNl')}
          {figure('defaultProfile.depthUm')}
          <Field label="Mode" field="defaultProfile.mode">
            <Select name="profileMode" value={d.mode} onChoose={(m) => m && set('mode', m as InjectionMode)} options={MODE_OPTIONS} />
          </Field>
          {figure('defaultProfile.entryPct')}
          {figure('defaultProfile.dwellPct')}
          {figure('defaultProfile.exitPct')}
        </div>
      </fieldset>
      <Field label="Notes" field="notes">
        <textarea name="notes" value={d.notes} onChange={(e) => set('notes', e.target.value)} />
      </Field>
      {base && (
        <Field label="Reason for this change" hint="required; recorded with the draft and the version it becomes" field="reason" required>
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
      )}
      <FormAlert />
      {saved && (
        <p className="okbox" role="status">
          Drafted: another administrator must approve it before it is used.
        </p>
      )}
      <Actions>
        <button type="submit" disabled={busy || (!!base && !reason.trim())}>
          {base ? 'Draft this change' : 'Draft the new serum'}
        </button>
      </Actions>
    </Form>
  );
}
