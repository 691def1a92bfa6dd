// The audit screen's filters (days, user, entity, action: the choices come from what the trail
// names) and its export as CSV and JSON, whose manifest carries the chain proof and the verify result.
import { useState } from 'react';
import type { AuditExportFormat, AuditExportResult } from '../../../electron/contract/audit.js';
import { useAction, useApi, useLoad } from '../../api/hooks.js';
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
  const facets = useLoad('audit.facets', {});
  const set = <K extends keyof AuditFilterState>(k: K, v: AuditFilterState[K]) => onChange({ ...value, [k]: v });
  const bad = value.fromDay && value.toDay && value.fromDay > value.toDay;
  return (
    <section className="card stack" aria-labelledby="af-title">
      <h2 id="af-title">Filter</h2>
      <div className="grid3">
        <label className="field">
          From <span className="hint">day, included</span>
          <input type="date" value={value.fromDay} onChange={(e) => set('fromDay', e.target.value)} />
        </label>
        <label className="field">
          To <span className="hint">day, included</span>
          <input type="date" value={value.toDay} onChange={(e) => set('toDay', e.target.value)} aria-invalid={bad ? true : undefined} />
        </label>
        <label className="field">
          User
          <select value={value.userId ?? ''} onChange={(e) => set('userId', e.target.value ? Number(e.target.value) : null)}>
            <option value="">Every user</option>
            {facets.data?.users.map((u) => (
              <option key={u.userId} value={u.userId}>
                {auditActorText(u.username)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Entity
          <select value={value.entity} onChange={(e) => set('entity', e.target.value)}>
            <option value="">Every entity</option>
            {facets.data?.entities.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          Action
          <select value={value.action} onChange={(e) => set('action', e.target.value)}>
            <option value="">Every action</option>
            {facets.data?.actions.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
        <div className="row end">
          <button type="button" className="secondary" onClick={() => onChange(NO_AUDIT_FILTER)}>
            Clear the filter
          </button>
        </div>
      </div>
      {bad && <p className="error" role="alert">The last day is before the first day.</p>}
    </section>
  );
}

/** Exports the filtered trail into the station's export folder; says where, and whether the trail verified. */
export function AuditExportPanel({ filter }: { filter: AuditFilterState }) {
  const api = useApi();
  const [formats, setFormats] = useState<AuditExportFormat[]>(['csv', 'json']);
  const [result, setResult] = useState<AuditExportResult | null>(null);
  const { busy, error, run } = useAction();
  const toggle = (f: AuditExportFormat, on: boolean) => setFormats(on ? [...formats.filter((x) => x !== f), f] : formats.filter((x) => x !== f));
  const exportNow = async () => {
    setResult(null);
    const r = await run(() => api.call('audit.export', { filters: auditFilterInput(filter), formats }));
    if (r) setResult(r);
  };
  return (
    <section className="card stack" aria-labelledby="ae-title">
      <h2 id="ae-title">Export the trail</h2>
      <p className="small">The entries the filter shows, with a manifest holding each file's SHA-256, the chain proof of the rows and the result of verifying the whole trail.</p>
      <div className="row">
        {(['csv', 'json'] as const).map((f) => (
          <label key={f} className="check">
            <input type="checkbox" checked={formats.includes(f)} onChange={(e) => toggle(f, e.target.checked)} />
            {f.toUpperCase()}
          </label>
        ))}
        <button type="button" onClick={exportNow} disabled={busy || formats.length === 0} data-testid="audit-export">
          Export
        </button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {result && (
        <div className={result.verification.ok ? 'okbox' : 'warnbox'} role="status" data-testid="audit-export-result">
          <p>
            {result.rows} entries exported; the trail {result.verification.ok ? 'verified intact' : `did not verify (${result.verification.problems} problem(s), listed in the manifest)`}.
          </p>
          <ul className="small">
            {result.files.map((f) => (
              <li key={f.name}>
                {f.name}: {f.rows} rows, {f.bytes} bytes
              </li>
            ))}
          </ul>
          <p className="small">
            Manifest: <code data-testid="audit-manifest-path">{result.manifestPath}</code>
          </p>
        </div>
      )}
    </section>
  );
}
