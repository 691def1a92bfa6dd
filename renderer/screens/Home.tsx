// Clinician home: the session in progress (if any), courses due today, patients.
import { useState } from 'react';
import type { DueCourse } from '../../electron/contract/courses.js';
import type { PatientSummary } from '../../electron/contract/patients.js';
import { useLoad } from '../api/hooks.js';
import { DataTable, Field, type Column } from '../kit/index.js';
import { fmtDate, fmtDateTime } from '../format.js';
import { useNavigate } from '../navigation.js';
import { SESSION_MOVES } from '../session/events.js';

/** The last column of a list of patients: the button that opens one. */
function openColumn<T>(open: (patientId: number) => void, patientId: (row: T) => number): Column<T> {
  return {
    id: 'open',
    header: 'Open',
    headerHidden: true,
    cell: (row) => (
      <button type="button" className="secondary" onClick={() => open(patientId(row))}>
        Open
      </button>
    ),
  };
}

function dueColumns(open: (patientId: number) => void): Column<DueCourse>[] {
  return [
    { id: 'patient', header: 'Patient', cell: (d) => d.fullName ?? d.clinicId },
    { id: 'born', header: 'Born', cell: (d) => fmtDate(d.birthDate) },
    { id: 'course', header: 'Course', cell: (d) => `${d.templateName} · ${d.phaseLabel}` },
    { id: 'session', header: 'Session', cell: (d) => `#${d.sessionNumber}`, numeric: true },
    {
      id: 'due',
      header: 'Due',
      cell: (d) => (
        <>
          {fmtDate(d.dueDate)} {d.overdue && <span className="pill danger">overdue</span>}
        </>
      ),
    },
    openColumn(open, (d) => d.patientId),
  ];
}

function patientColumns(open: (patientId: number) => void): Column<PatientSummary>[] {
  return [
    { id: 'name', header: 'Name', cell: (p) => p.fullName ?? '-' },
    { id: 'born', header: 'Born', cell: (p) => fmtDate(p.birthDate) },
    { id: 'clinicId', header: 'Clinic id', cell: (p) => p.clinicId ?? '-' },
    {
      id: 'screening',
      header: 'Screening',
      cell: (p) => (!p.screened ? <span className="pill warn">not screened</span> : p.needsClinicianReview ? <span className="pill warn">review</span> : <span className="pill ok">screened</span>),
    },
    openColumn(open, (p) => p.id),
  ];
}

export function Home() {
  const go = useNavigate();
  const open = (id: number) => go({ name: 'patient', id });
  const active = useLoad('sessions.active', {}, SESSION_MOVES);
  const due = useLoad('courses.dueToday', {});
  const [query, setQuery] = useState('');
  const patients = useLoad('patients.list', { query: query.trim() || undefined, limit: 25 });

  return (
    <div className="stack">
      <h1>Today</h1>
      {active.data && active.data.status === 'in_progress' && (
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
        <DataTable caption="Courses due today" columns={dueColumns(open)} rows={due.data} rowKey={(d) => d.enrolmentId} empty="No course sessions are due today." />
      </section>

      <section className="card stack" aria-labelledby="patients-title">
        <div className="row between">
          <h2 id="patients-title">Patients</h2>
          <button type="button" onClick={() => go({ name: 'newPatient' })}>
            New patient
          </button>
        </div>
        <Field label="Find a patient" hint="name or clinic id">
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </Field>
        {patients.error && <p className="error">{patients.error}</p>}
        <DataTable caption="Patients" columns={patientColumns(open)} rows={patients.data?.items} rowKey={(p) => p.id} empty="No patients found." />
        {patients.data && patients.data.total > patients.data.items.length && (
          <p className="muted small">
            Showing {patients.data.items.length} of {patients.data.total}; refine the search.
          </p>
        )}
      </section>
    </div>
  );
}
