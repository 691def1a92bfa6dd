// Admin: the audit trail (read only, for everyone), its integrity check, and the check of every dose
// record's provenance (the gun's MAC).
import { useMemo, useState } from 'react';
import type { AuditEntry, AuditVerification, DoseVerification, DoseVerificationProblem } from '../../electron/contract/audit.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { useT, type Translate } from '../i18n/I18n.js';
import type { UiMessageId } from '../i18n/messages/index.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { AuditExportPanel, AuditFilterForm, NO_AUDIT_FILTER, auditFilterInput, type AuditFilterState } from './quality/AuditFilters.js';
import { Card, DataTable, FormAlert, type Column } from '../kit/index.js';
import { auditActorText } from '../reasons.js';

const DOSE_PROBLEM_WORDS: Record<DoseVerificationProblem, UiMessageId> = {
  'no-mac': 'audit.doseProblem.noMac',
  'failed-on-arrival': 'audit.doseProblem.failedOnArrival',
  'key-not-held': 'audit.doseProblem.keyNotHeld',
  'key-replaced': 'audit.doseProblem.keyReplaced',
  'mac-mismatch': 'audit.doseProblem.macMismatch',
};

function short(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 120 ? `${s.slice(0, 117)}…` : s;
}

// Not sortable: the trail is read a page at a time, newest first, as the station keeps it.
function entryColumns(t: Translate, f: Format): Column<AuditEntry>[] {
  return [
    { id: 'id', header: t('audit.col.id'), cell: (e) => e.id, numeric: true },
    { id: 'time', header: t('audit.col.time'), cell: (e) => f.dateTime(e.at) },
    { id: 'user', header: t('audit.col.user'), cell: (e) => auditActorText(t, e.username) },
    { id: 'action', header: t('audit.col.action'), cell: (e) => e.action },
    { id: 'entity', header: t('audit.col.entity'), cell: (e) => (e.entityId ? `${e.entity} ${e.entityId}` : e.entity) },
    {
      id: 'change',
      header: t('audit.col.change'),
      cellProps: () => ({ className: 'small', style: { maxWidth: '28rem' } }),
      cell: (e) => (e.oldValue !== null && e.oldValue !== undefined ? `${short(e.oldValue)} → ${short(e.newValue)}` : short(e.newValue)),
    },
    { id: 'reason', header: t('audit.col.reason'), cell: (e) => e.reason ?? '' },
  ];
}

export function AuditScreen() {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const [filter, setFilterState] = useState<AuditFilterState>(NO_AUDIT_FILTER);
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [next, setNext] = useState<number | null | undefined>(undefined);
  const badRange = filter.fromDay !== '' && filter.toDay !== '' && filter.fromDay > filter.toDay;
  const page = useLoad('audit.list', badRange ? null : { ...auditFilterInput(filter), limit: 100 });
  const [verify, setVerify] = useState<AuditVerification | null>(null);
  const [doses, setDoses] = useState<DoseVerification | null>(null);
  const { busy, error, run } = useAction();
  const columns = useMemo(() => entryColumns(t, f), [t, f]);
  const entries = [...(page.data?.entries ?? []), ...older];
  const nextBefore = next === undefined ? page.data?.nextBeforeId ?? null : next;

  /** A new filter starts from the newest entries again. */
  const setFilter = (x: AuditFilterState) => {
    setFilterState(x);
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
        <h1>{t('audit.title')}</h1>
        <div className="row">
          <button type="button" onClick={check} disabled={busy} data-testid="verify-audit">
            {t('audit.verify')}
          </button>
          <button type="button" onClick={checkDoses} disabled={busy} data-testid="verify-doses">
            {t('audit.verifyDoses')}
          </button>
        </div>
      </div>
      {verify &&
        (verify.ok ? (
          <p className="okbox" role="status">
            {t('audit.intact', { rows: verify.rows })}
          </p>
        ) : (
          <div className="error" role="alert">
            {t('audit.problems', { count: verify.problems.length, rows: verify.rows, list: verify.problems.slice(0, 5).map((p) => `#${p.rowId} ${p.problem}`).join('; ') })}
          </div>
        ))}
      {doses &&
        (doses.ok ? (
          <p className="okbox" role="status" data-testid="dose-verification">
            {t('audit.dosesOk', { records: doses.records })}
          </p>
        ) : (
          <div className="warnbox" role="status" data-testid="dose-verification">
            {t('audit.dosesNotOk', { authenticated: doses.authenticated, records: doses.records, count: doses.problems.length })}
            <ul>
              {doses.problems.slice(0, 10).map((p) => (
                <li key={p.rowId}>{t('audit.doseProblemLine', { gun: p.gunSerial, record: p.recordId, row: p.rowId, problem: t(DOSE_PROBLEM_WORDS[p.problem]) })}</li>
              ))}
            </ul>
            {doses.problems.length > 10 && <span className="small muted">{t('audit.doseProblemsMore', { count: doses.problems.length - 10 })}</span>}
          </div>
        ))}
      <FormAlert message={error} />
      <AuditFilterForm value={filter} onChange={setFilter} />
      <AuditExportPanel filter={filter} />
      <Card title={t('audit.entries')} titleId="at-title" flat>
        <DataTable caption={t('audit.entriesCaption')} columns={columns} rows={page.data ? entries : undefined} rowKey={(e) => e.id} empty={t('audit.noEntry')} />
        {nextBefore && (
          <div className="row end">
            <button type="button" className="secondary" onClick={more} disabled={busy}>
              {t('audit.older')}
            </button>
          </div>
        )}
      </Card>
    </div>
  );
}
