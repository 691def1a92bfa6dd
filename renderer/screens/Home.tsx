// Clinician home: the session in progress (if any), courses due today, patients.
import { useState } from 'react';
import { useLoad } from '../api/hooks.js';
import { fmtDate, fmtDateTime } from '../format.js';
import { useNavigate } from '../navigation.js';
import { SESSION_MOVES } from '../session/events.js';

export function Home() {
  const go = useNavigate();
  const active = useLoad('sessions.active', {}, SESSION_MOVES);
  const due = useLoad('courses.dueToday', {});
  const [query, setQuery] = useState('');
  const patients = useLoad('patients.list', { query: query.trim() || undefined, limit: 25 });

  return (
    <div className="stack">
      <h1>Today</h1>
      {active.data && active.data.status === 'active' && (
        <section className="card row between" aria-labelledby="active-title">
          <div>
            <h2 id="active-title">Session in progress</h2>
            <p className="muted">
              Started {fmtDateTime(active.data.startedAt)} · phase: {active.data.phase}
            </p>
          </div>
          <button type="button" className="big" onClick={() => go({ name: 'session', id: active.data!.id })}>
            Resume session
          </button>
        </section>
      )}

      <section className="card stack" aria-labelledby="due-title">
        <h2 id="due-title">Courses due today</h2>
        {due.error && <p className="error">{due.error}</p>}
        {due.data && due.data.length === 0 && <p className="muted">No course sessions are due today.</p>}
        {due.data && due.data.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Born</th>
                <th scope="col">Course</th>
                <th scope="col">Session</th>
                <th scope="col">Due</th>
                <th scope="col"><span className="sr-only">Open</span></th>
              </tr>
            </thead>
            <tbody>
              {due.data.map((d) => (
                <tr key={d.enrolmentId}>
                  <td>{d.fullName ?? d.clinicId}</td>
                  <td>{fmtDate(d.birthDate)}</td>
                  <td>
                    {d.templateName} · {d.phaseLabel}
                  </td>
                  <td className="num">#{d.sessionNumber}</td>
                  <td>
                    {fmtDate(d.dueDate)} {d.overdue && <span className="pill danger">overdue</span>}
                  </td>
                  <td>
                    <button type="button" className="secondary" onClick={() => go({ name: 'patient', id: d.patientId })}>
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card stack" aria-labelledby="patients-title">
        <div className="row between">
          <h2 id="patients-title">Patients</h2>
          <button type="button" onClick={() => go({ name: 'newPatient' })}>
            New patient
          </button>
        </div>
        <label className="field">
          Find a patient <span className="hint">name or clinic id</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        {patients.error && <p className="error">{patients.error}</p>}
        {patients.data && patients.data.items.length === 0 && <p className="muted">No patients found.</p>}
        {patients.data && patients.data.items.length > 0 && (
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Born</th>
                <th scope="col">Clinic id</th>
                <th scope="col">Screening</th>
                <th scope="col"><span className="sr-only">Open</span></th>
              </tr>
            </thead>
            <tbody>
              {patients.data.items.map((p) => (
                <tr key={p.id}>
                  <td>{p.fullName ?? '-'}</td>
                  <td>{fmtDate(p.birthDate)}</td>
                  <td>{p.clinicId ?? '-'}</td>
                  <td>
                    {!p.screened ? <span className="pill warn">not screened</span> : p.needsClinicianReview ? <span className="pill warn">review</span> : <span className="pill ok">screened</span>}
                  </td>
                  <td>
                    <button type="button" className="secondary" onClick={() => go({ name: 'patient', id: p.id })}>
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {patients.data && patients.data.total > patients.data.items.length && (
          <p className="muted small">
            Showing {patients.data.items.length} of {patients.data.total}; refine the search.
          </p>
        )}
      </section>
    </div>
  );
}
