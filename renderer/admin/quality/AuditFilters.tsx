// The audit screen's filters (days, user, entity, action: the choices come from what the trail
// names) and its export as CSV and JSON, whose manifest carries the chain proof and the verify result.
import { useMemo, useState } from 'react';
import type { AuditExportFormat, AuditExportResult } from '../../../electron/contract/audit.js';
import { useAction, useApi, useLoad } from '../../api/hooks.js';
import { Msg, useT } from '../../i18n/I18n.js';
import { useFormat } from '../../i18n/useFormat.js';
import { Card, Check, Field, FormAlert, Select } from '../../kit/index.js';
import { auditActorText } from '../../reasons.js';

export interface AuditFilterState {
  fromDay: string;
  toDay: string;
  userId: number | null;
  entity: string;
  action: string;
}

export const NO_AUDIT_FILTER: AuditFilterState = { fromDay: '', toDay: '', userId: null, entity: '', action: '' };

/** Local midnight of a YYYY-MM-DD day, as ISO. */
function dayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** The filter as audit.list and audit.export take it: both days included, in the station's time zone. */
export function auditFilterInput(f: AuditFilterState) {
  return {
    ...(f.fromDay ? { from: dayStart(f.fromDay) } : {}),
    // The end is inclusive in the core: the last millisecond of the last day.
    ...(f.toDay ? { to: new Date(Date.parse(dayStart(f.toDay, 1)) - 1).toISOString() } : {}),
    ...(f.userId !== null ? { userId: f.userId } : {}),
    ...(f.entity ? { entity: f.entity } : {}),
    ...(f.action ? { action: f.action } : {}),
  };
}

export function AuditFilterForm({ value, onChange }: { value: AuditFilterState; onChange: (f: AuditFilterState) => void }) {
  const t = useT();
  const facets = useLoad('audit.facets', {});
  const set = <K extends keyof AuditFilterState>(k: K, v: AuditFilterState[K]) => onChange({ ...value, [k]: v });
  const bad = value.fromDay !== '' && value.toDay !== '' && value.fromDay > value.toDay;
  const users = useMemo(() => (facets.data?.users ?? []).map((u) => [String(u.userId), auditActorText(t, u.username)] as const), [facets.data, t]);
  const entities = useMemo(() => (facets.data?.entities ?? []).map((x) => [x, x] as const), [facets.data]);
  const actions = useMemo(() => (facets.data?.actions ?? []).map((x) => [x, x] as const), [facets.data]);
  return (
    <Card title={t('quality.filter')} titleId="af-title">
      <div className="grid3">
        <Field label={t('audit.from')} hint={t('audit.dayHint')}>
          <input type="date" value={value.fromDay} onChange={(e) => set('fromDay', e.target.value)} />
        </Field>
        <Field label={t('audit.to')} hint={t('audit.dayHint')} error={bad ? t('audit.badRange') : null}>
          <input type="date" value={value.toDay} onChange={(e) => set('toDay', e.target.value)} />
        </Field>
        <Field label={t('audit.user')}>
          <Select value={value.userId === null ? '' : String(value.userId)} onChoose={(v) => set('userId', v ? Number(v) : null)} options={users} none={t('audit.everyUser')} />
        </Field>
        <Field label={t('audit.entity')}>
          <Select value={value.entity} onChoose={(v) => set('entity', v)} options={entities} none={t('audit.everyEntity')} />
        </Field>
        <Field label={t('audit.action')}>
          <Select value={value.action} onChoose={(v) => set('action', v)} options={actions} none={t('audit.everyAction')} />
        </Field>
        <div className="row end">
          <button type="button" className="secondary" onClick={() => onChange(NO_AUDIT_FILTER)}>
            {t('audit.clear')}
          </button>
        </div>
      </div>
    </Card>
  );
}

/** Exports the filtered trail into the station's export folder; says where, and whether the trail verified. */
export function AuditExportPanel({ filter }: { filter: AuditFilterState }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const [formats, setFormats] = useState<AuditExportFormat[]>(['csv', 'json']);
  const [result, setResult] = useState<AuditExportResult | null>(null);
  const { busy, error, run } = useAction();
  const toggle = (x: AuditExportFormat, on: boolean) => setFormats(on ? [...formats.filter((y) => y !== x), x] : formats.filter((y) => y !== x));
  const exportNow = async () => {
    setResult(null);
    const r = await run(() => api.call('audit.export', { filters: auditFilterInput(filter), formats }));
    if (r) setResult(r);
  };
  return (
    <Card title={t('audit.export.title')} titleId="ae-title">
      <p className="small">{t('audit.export.note')}</p>
      <div className="row">
        {(['csv', 'json'] as const).map((x) => (
          <Check key={x} checked={formats.includes(x)} onCheck={(on) => toggle(x, on)}>
            {x === 'csv' ? t('audit.export.csv') : t('audit.export.json')}
          </Check>
        ))}
        <button type="button" onClick={exportNow} disabled={busy || formats.length === 0} data-testid="audit-export">
          {t('audit.export.submit')}
        </button>
      </div>
      <FormAlert message={error} />
      {result && (
        <div className={result.verification.ok ? 'okbox' : 'warnbox'} role="status" data-testid="audit-export-result">
          <p>
            {result.verification.ok
              ? t('audit.export.verified', { rows: result.rows })
              : t('audit.export.notVerified', { rows: result.rows, problems: result.verification.problems })}
          </p>
          <ul className="small">
            {result.files.map((x) => (
              <li key={x.name}>{t('audit.export.file', { name: x.name, rows: x.rows, bytes: f.number(x.bytes) })}</li>
            ))}
          </ul>
          <p className="small">
            <Msg id="audit.export.manifest" values={{ path: <code data-testid="audit-manifest-path">{result.manifestPath}</code> }} />
          </p>
        </div>
      )}
    </Card>
  );
}
