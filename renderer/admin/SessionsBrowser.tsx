// Admin: the session log, filtered by dates, clinician, patient, gun, serum lot and status, a page
// at a time, each row naming its patient.
import { useEffect, useState } from 'react';
import type { Input } from '../../electron/contract/index.js';
import { useLoad } from '../api/hooks.js';
import { ClinicianSelect, GunSelect } from '../components/RecordFilters.js';
import { fmtDateTime } from '../format.js';
import { useNavigate } from '../navigation.js';
import { formatVolume } from '../../electron/contract/units.js';

type Filters = Input<'sessions.list'>;

/** Rows a page. */
const PAGE = 100;

export function SessionsBrowser() {
  const go = useNavigate();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [clinician, setClinician] = useState('');
  const [patientQuery, setPatientQuery] = useState('');
  const [patientId, setPatientId] = useState('');
  const [lot, setLot] = useState('');
  const [gunSerial, setGunSerial] = useState('');
  const [status, setStatus] = useState('');
  const [offset, setOffset] = useState(0);
  // The paired guns, to choose from (sessions keep the serial of the gun they used either way).
  const patients = useLoad('patients.list', patientQuery.trim() ? { query: patientQuery.trim(), limit: 20 } : null);

  const filters: Filters = {
    from: from || undefined,
    to: to || undefined,
    clinicianUserId: clinician ? Number(clinician) : undefined,
    patientId: patientId ? Number(patientId) : undefined,
    lotNumber: lot.trim() || undefined,
    gunSerial: gunSerial || undefined,
    status: status ? (status as 'active' | 'locked' | 'aborted') : undefined,
    limit: PAGE,
    offset,
  };
  const list = useLoad('sessions.list', filters);
  const page = list.data;
  const filterKey = JSON.stringify({ ...filters, offset: 0 });
  // A new filter starts again at its first page.
  useEffect(() => setOffset(0), [filterKey]);

  return (
    <div className="stack">
      <h1>Session records</h1>
      <section className="card stack" aria-labelledby="filters-title">
        <h2 id="filters-title">Filters</h2>
        <div className="grid4">
          <label className="field">
            From
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="field">
            To
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <ClinicianSelect value={clinician} onChange={setClinician} />
          <label className="field">
            Status
            <select value={status} onChange={(e) => setStatus(e.target.value)}>
              <option value="">Any</option>
              <option value="active">In progress</option>
              <option value="locked">Signed</option>
              <option value="aborted">Aborted</option>
            </select>
          </label>
          <label className="field">
            Patient search
            <input type="search" value={patientQuery} onChange={(e) => { setPatientQuery(e.target.value); setPatientId(''); }} />
          </label>
          <label className="field">
            Patient
            <select value={patientId} onChange={(e) => setPatientId(e.target.value)} disabled={!patients.data}>
              <option value="">{patients.data ? 'Any of the matches' : 'Search first'}</option>
              {patients.data?.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.fullName ?? p.clinicId} {p.birthDate ? `(${p.birthDate})` : ''}
                </option>
              ))}
            </select>
          </label>
          <GunSelect value={gunSerial} onChange={setGunSerial} />
          <label className="field">
            Serum lot
            <input value={lot} onChange={(e) => setLot(e.target.value)} />
          </label>
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
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Started</th>
              <th scope="col">Patient</th>
              <th scope="col">Clinician</th>
              <th scope="col">Gun</th>
              <th scope="col">Lot</th>
              <th scope="col">Status</th>
              <th scope="col" className="numcell">Shots</th>
              <th scope="col" className="numcell">Delivered</th>
              <th scope="col"><span className="sr-only">Open</span></th>
            </tr>
          </thead>
          <tbody>
            {page?.items.map((r) => (
              <tr key={r.id}>
                <td className="num">{r.id}</td>
                <td>{fmtDateTime(r.startedAt)}</td>
                <td>
                  {r.patientName ?? r.patientClinicId ?? 'no name recorded'}
                  {r.patientBirthDate && <span className="muted small"> · born {r.patientBirthDate}</span>}
                </td>
                <td>{r.clinicianName}</td>
                <td>{r.gunSerial ?? '—'}</td>
                <td>{r.lotNumber ?? '—'}</td>
                <td>
                  <span className={`pill ${r.status === 'locked' ? 'ok' : r.status === 'aborted' ? 'warn' : 'off'}`}>{r.status === 'locked' ? 'signed' : r.status === 'active' ? r.phase : 'aborted'}</span>
                </td>
                <td className="numcell">{r.totalShots}</td>
                <td className="numcell">{formatVolume(r.totalDeliveredNl)}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => go({ name: 'sessionDetail', id: r.id })} aria-label={`Open session ${r.id}`}>
                    Open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
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
