// Admin: the audit trail (read only, for everyone), its integrity check, and the check of every dose
// record's provenance (the gun's MAC).
import { useState } from 'react';
import type { AuditEntry, AuditVerification, DoseVerification, DoseVerificationProblem } from '../../electron/contract/audit.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { AuditExportPanel, AuditFilterForm, NO_AUDIT_FILTER, auditFilterInput, type AuditFilterState } from './quality/AuditFilters.js';
import { DataTable, type Column } from '../kit/index.js';
import { fmtDateTime } from '../format.js';
import { auditActorText } from '../reasons.js';

const DOSE_PROBLEM_WORDS: Record<DoseVerificationProblem, string> = {
  'no-mac': 'no MAC (stored before the authenticated link)',
  'failed-on-arrival': 'MAC did not verify when it arrived',
  'key-not-held': 'gun no longer paired: cannot check',
  'key-replaced': 'gun paired again since: cannot check',
  'mac-mismatch': 'MAC does not match the stored record (altered?)',
};

function short(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

// Not sortable: the trail is read a page at a time, newest first, as the station keeps it.
const ENTRY_COLUMNS: Column<AuditEntry>[] = [
  { id: 'id', header: '#', cell: (e) => e.id, numeric: true },
  { id: 'time', header: 'Time', cell: (e) => fmtDateTime(e.at) },
  { id: 'user', header: 'User', cell: (e) => auditActorText(e.username) },
  { id: 'action', header: 'Action', cell: (e) => e.action },
  { id: 'entity', header: 'Entity', cell: (e) => (e.entityId ? `${e.entity} ${e.entityId}` : e.entity) },
  {
    id: 'change',
    header: 'Old → new',
    cellProps: () => ({ className: 'small', style: { maxWidth: '28rem' } }),
    cell: (e) => (e.oldValue !== null && e.oldValue !== undefined ? `${short(e.oldValue)} → ${short(e.newValue)}` : short(e.newValue)),
  },
  { id: 'reason', header: 'Reason', cell: (e) => e.reason ?? '' },
];

export function AuditScreen() {
  const api = useApi();
  const [filter, setFilterState] = useState<AuditFilterState>(NO_AUDIT_FILTER);
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null | undefined>(undefined);
  const badRange = filter.fromDay !== '' && filter.toDay !== '' && filter.fromDay > filter.toDay;
  const page = useLoad('audit.list', badRange ? null : { ...auditFilterInput(filter), limit: 100 });
  const [verify, setVerify] = useState<AuditVerification | null>(null);
  const [doses, setDoses] = useState<DoseVerification | null>(null);
  const { busy, error, run } = useAction();
  const entries = [...(page.data?.entries ?? []), ...older];
  const nextBefore = next === undefined ? page.data?.nextBeforeId ?? null : next;

  /** A new filter starts from the newest entries again. */
  const setFilter = (f: AuditFilterState) => {
    setFilterState(f);
    setOlder([]);
    setNext(undefined);
  };
  const more = async () => {
    if (!nextBefore) return;
    const p = await run(() => api.call('audit.list', { ...auditFilterInput(filter), limit: 100, beforeId: nextBefore }));
    if (p) {
      setOlder([...older, ...p.entries]);
      setNext(p.nextBeforeId);
    }
  };
  const check = async () => {
    const r = await run(() => api.call('audit.verify', {}));
    if (r) setVerify(r);
  };
  const checkDoses = async () => {
    const r = await run(() => api.call('audit.verifyDoses', {}));
    if (r) setDoses(r);
  };

  return (
    <div className="stack">
      <div className="row between">
        <h1>Audit trail</h1>
        <div className="row">
          <button type="button" onClick={check} disabled={busy} data-testid="verify-audit">
            Verify the trail
          </button>
          <button type="button" onClick={checkDoses} disabled={busy} data-testid="verify-doses">
            Verify dose records
          </button>
        </div>
      </div>
      {verify && (verify.ok ? <p className="okbox" role="status">Intact: {verify.rows} entries checked, none altered or missing.</p> : (
        <div className="error" role="alert">
          {verify.problems.length} problem(s) in {verify.rows} entries: {verify.problems.slice(0, 5).map((p) => `#${p.rowId} ${p.problem}`).join('; ')}
        </div>
      ))}
      {doses && (doses.ok ? (
        <p className="okbox" role="status" data-testid="dose-verification">
          Dose records: all {doses.records} authenticated by the gun's MAC.
        </p>
      ) : (
        <div className="warnbox" role="status" data-testid="dose-verification">
          Dose records: {doses.authenticated} of {doses.records} authenticated by the gun's MAC; {doses.problems.length} not:
          <ul>
            {doses.problems.slice(0, 10).map((p) => (
              <li key={p.rowId}>
                {p.gunSerial} record {p.recordId} (ledger #{p.rowId}): {DOSE_PROBLEM_WORDS[p.problem]}
              </li>
            ))}
          </ul>
          {doses.problems.length > 10 && <span className="small muted">… and {doses.problems.length - 10} more.</span>}
        </div>
      ))}
      {error && <p className="error" role="alert">{error}</p>}
      <AuditFilterForm value={filter} onChange={setFilter} />
      <AuditExportPanel filter={filter} />
      <section className="card" aria-labelledby="at-title">
        <h2 id="at-title">Entries (newest first)</h2>
        <DataTable caption="Audit trail entries, newest first" columns={ENTRY_COLUMNS} rows={page.data ? entries : undefined} rowKey={(e) => e.id} empty="No entry matches." />
        {nextBefore && (
          <div className="row end">
            <button type="button" className="secondary" onClick={more} disabled={busy}>
              Older entries
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
