// Admin: the session log, filtered by dates, clinician, patient, gun, serum lot and status, a page
// at a time (newest first, as the station orders them), each row naming its patient.
import { useEffect, useState } from 'react';
import type { Input } from '../../electron/contract/index.js';
import { SESSION_STATUSES, type SessionStatus } from '../../electron/contract/sessionFilter.js';
import type { SessionSummary } from '../../electron/contract/sessions.js';
import { useLoad } from '../api/hooks.js';
import { NO_FILTER, SessionFilterFields, type FilterDraft } from '../components/SessionFilterFields.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { Card, DataTable, Field, Pager, Screen, Select, buttonColumn, type Column } from '../kit/index.js';
import { useNavigate, type Navigate } from '../navigation.js';
import { calendarDay } from './calendarDay.js';

type Status = SessionStatus;

/** Rows a page. */
const PAGE = 100;


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
function sessionColumns(t: Translate, f: Format, go: Navigate): Column<SessionSummary>[] {
  return [
    { id: 'id', header: '#', cell: (r) => r.id, numeric: true },
    { id: 'started', header: t('admin.sessions.started'), cell: (r) => f.dateTime(r.startedAt) },
    {
      id: 'patient',
      header: t('admin.patient'),
      cell: (r) => (
        <>
          {r.patientName ?? r.patientClinicId ?? t('admin.sessions.noName')}
          {r.patientBirthDate && <span className="muted small"> {t('admin.sessions.born', { date: f.date(calendarDay(r.patientBirthDate)) })}</span>}
        </>
      ),
    },
    { id: 'clinician', header: t('admin.filter.clinician'), cell: (r) => r.clinicianName },
    { id: 'gun', header: t('admin.filter.gun'), cell: (r) => r.gunSerial ?? '—' },
    { id: 'lot', header: t('admin.lots.lot'), cell: (r) => r.lotNumber ?? '—' },
    {
      id: 'status',
      header: t('admin.status'),
      cell: (r) => (
        <span className={`pill ${r.status === 'signed' ? 'ok' : r.status === 'aborted' ? 'warn' : 'off'}`}>
          {t('admin.sessions.phase', { phase: r.status === 'in_progress' ? r.phase : r.status })}
        </span>
      ),
    },
    { id: 'shots', header: t('admin.sessions.shots'), cell: (r) => f.number(r.totalShots), numeric: true },
    { id: 'delivered', header: t('admin.sessions.delivered'), cell: (r) => f.volume(r.totalDeliveredNl), numeric: true },
    buttonColumn({ id: 'open', header: t('admin.open'), label: t('admin.open'), onClick: (r) => go({ name: 'sessionDetail', id: r.id }), ariaLabel: (r) => t('admin.sessions.openLabel', { id: r.id }) }),
  ];
}

export function SessionsBrowser() {
  const t = useT();
  const f = useFormat();
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
    <Screen title={t('route.sessions')}>
      <Card title={t('admin.sessions.filters')} titleId="filters-title">
        <div className="grid4">
          <SessionFilterFields value={draft} onChange={setDraft} />
          <Field label={t('admin.status')}>
            <Select name="status" value={status} onChoose={setStatus} none={t('admin.sessions.anyStatus')} options={SESSION_STATUSES.map((s) => [s, t('admin.sessionStatus', { status: s })] as const)} />
          </Field>
        </div>
      </Card>
      {list.error && <p className="error" role="alert">{list.error}</p>}
      <section className="card" aria-labelledby="list-title">
        <div className="row between">
          <h2 id="list-title">{t('admin.lots.sessions')}</h2>
          {page && (
            <p className="muted" data-testid="sessions-range">
              {page.total === 0 ? t('admin.sessions.noneMatch') : t('admin.sessions.range', { first: page.offset + 1, last: page.offset + page.items.length, total: page.total })}
            </p>
          )}
        </div>
        <DataTable caption={t('admin.sessions.caption')} columns={sessionColumns(t, f, go)} rows={page?.items} rowKey={(r) => r.id} empty={t('admin.sessions.none')} />
        {page && page.total > PAGE && (
          <nav className="row end" aria-label={t('admin.sessions.pages')}>
            <Pager offset={offset} size={PAGE} total={page.total} onOffset={setOffset} words={{ newer: t('admin.sessions.newer'), older: t('admin.sessions.older') }} />
          </nav>
        )}
      </section>
    </Screen>
  );
}
