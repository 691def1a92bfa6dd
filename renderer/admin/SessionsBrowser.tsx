// Admin: the session log, filtered by dates, clinician, patient, gun, serum lot and status, a page
// at a time (newest first, as the station orders them), each row naming its patient.
import { useEffect, useState } from 'react';
import type { Input } from '../../electron/contract/index.js';
import type { SessionStatus } from '../../electron/contract/sessionFilter.js';
import type { SessionSummary } from '../../electron/contract/sessions.js';
import { formatVolume } from '../../electron/contract/units.js';
import { useLoad } from '../api/hooks.js';
import { NO_FILTER, SessionFilterFields, type FilterDraft } from '../components/SessionFilterFields.js';
import { fmtDateTime } from '../format.js';
import { DataTable, Field, Select, type Column } from '../kit/index.js';
import { useNavigate, type Navigate } from '../navigation.js';

type Status = SessionStatus;

/** Rows a page. */
const PAGE = 100;

const STATUS_OPTIONS = [
  ['in_progress', 'In progress'],
  ['signed', 'Signed'],
  ['aborted', 'Aborted'],
] as const;

function toFilters(f: FilterDraft, status: Status | '', offset: number): Input<'sessions.list'> {
  return {
    fromDate: f.from || undefined,
    toDate: f.to || undefined,
    clinicianUserId: f.clinician ? Number(f.clinician) : undefined,
    patientId: f.patientId ?? undefined,
    lotNumber: f.lot.trim() || undefined,
    gunSerial: f.gunSerial || undefined,
    statuses: status ? [status] : undefined,
    limit: PAGE,
    offset,
  };
}

// Not sortable here: a page holds 100 of the matches, so sorting it would only reorder that page.
function sessionColumns(go: Navigate): Column<SessionSummary>[] {
  return [
    { id: 'id', header: '#', cell: (r) => r.id, numeric: true },
    { id: 'started', header: 'Started', cell: (r) => fmtDateTime(r.startedAt) },
    {
      id: 'patient',
      header: 'Patient',
      cell: (r) => (
        <>
          {r.patientName ?? r.patientClinicId ?? 'no name recorded'}
          {r.patientBirthDate && <span className="muted small"> · born {r.patientBirthDate}</span>}
        </>
      ),
    },
    { id: 'clinician', header: 'Clinician', cell: (r) => r.clinicianName },
    { id: 'gun', header: 'Gun', cell: (r) => r.gunSerial ?? '—' },
    { id: 'lot', header: 'Lot', cell: (r) => r.lotNumber ?? '—' },
    {
      id: 'status',
      header: 'Status',
      cell: (r) => <span className={`pill ${r.status === 'signed' ? 'ok' : r.status === 'aborted' ? 'warn' : 'off'}`}>{r.status === 'in_progress' ? r.phase : r.status}</span>,
    },
    { id: 'shots', header: 'Shots', cell: (r) => r.totalShots, numeric: true },
    { id: 'delivered', header: 'Delivered', cell: (r) => formatVolume(r.totalDeliveredNl), numeric: true },
    {
      id: 'open',
      header: 'Open',
      headerHidden: true,
      cell: (r) => (
        <button type="button" className="secondary" onClick={() => go({ name: 'sessionDetail', id: r.id })} aria-label={`Open session ${r.id}`}>
          Open
        </button>
      ),
    },
  ];
}

export function SessionsBrowser() {
  const go = useNavigate();
  const [draft, setDraft] = useState<FilterDraft>(NO_FILTER);
  const [status, setStatus] = useState<Status | ''>('');
  const [offset, setOffset] = useState(0);
  const list = useLoad('sessions.list', toFilters(draft, status, offset));
  const page = list.data;
  const filterKey = JSON.stringify(toFilters(draft, status, 0));
  // A new filter starts again at its first page.
  useEffect(() => setOffset(0), [filterKey]);

  return (
    <div className="stack">
      <h1>Session records</h1>
      <section className="card stack" aria-labelledby="filters-title">
        <h2 id="filters-title">Filters</h2>
        <div className="grid4">
          <SessionFilterFields value={draft} onChange={setDraft} />
          <Field label="Status">
            <Select name="status" value={status} onChoose={setStatus} none="Any" options={STATUS_OPTIONS} />
          </Field>
        </div>
      </section>
      {list.error && <p className="error" role="alert">{list.error}</p>}
      <section className="card" aria-labelledby="list-title">
        <div className="row between">
          <h2 id="list-title">Sessions</h2>
          {page && (
            <p className="muted" data-testid="sessions-range">
              {page.total === 0 ? 'No sessions match' : `Sessions ${page.offset + 1}–${page.offset + page.items.length} of ${page.total}`}
            </p>
          )}
        </div>
        <DataTable caption="Sessions, newest first" columns={sessionColumns(go)} rows={page?.items} rowKey={(r) => r.id} empty="No session matches these filters." />
        {page && page.total > PAGE && (
          <nav className="row end" aria-label="Pages of sessions">
            <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              Newer
            </button>
            <button type="button" className="secondary" disabled={page.offset + page.items.length >= page.total} onClick={() => setOffset(offset + PAGE)}>
              Older
            </button>
          </nav>
        )}
      </section>
    </div>
  );
}
