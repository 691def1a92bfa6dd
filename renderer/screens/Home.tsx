// Clinician home: the session in progress (if any), courses due today, patients.
import type { DueCourse } from '../../electron/contract/courses.js';
import { useLoad } from '../api/hooks.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { DataTable, PatientPicker, type Column } from '../kit/index.js';
import { useNavigate } from '../navigation.js';
import { SESSION_MOVES } from '../session/events.js';

function dueColumns(t: Translate, f: Format, open: (patientId: number) => void): Column<DueCourse>[] {
  return [
    { id: 'patient', header: t('home.patient'), cell: (d) => d.fullName ?? d.clinicId },
    { id: 'born', header: t('home.born'), cell: (d) => f.date(d.birthDate) },
    { id: 'course', header: t('home.course'), cell: (d) => t('home.courseValue', { template: d.templateName, phase: d.phaseLabel }) },
    { id: 'session', header: t('home.session'), cell: (d) => t('home.sessionNumber', { n: d.sessionNumber }), numeric: true },
    {
      id: 'due',
      header: t('home.due'),
      cell: (d) => (
        <>
          {f.date(d.dueDate)} {d.overdue && <span className="pill danger">{t('home.overdue')}</span>}
        </>
      ),
    },
    {
      id: 'open',
      header: t('home.open'),
      headerHidden: true,
      cell: (d) => (
        <button type="button" className="secondary" onClick={() => open(d.patientId)}>
          {t('home.open')}
        </button>
      ),
    },
  ];
}

export function Home() {
  const go = useNavigate();
  const t = useT();
  const f = useFormat();
  const open = (id: number) => go({ name: 'patient', id });
  const active = useLoad('sessions.active', {}, SESSION_MOVES);
  const due = useLoad('courses.dueToday', {});

  return (
    <div className="stack">
      <h1>{t('home.title')}</h1>
      {active.data && active.data.status === 'in_progress' && (
        <section className="card row between" aria-labelledby="active-title">
          <div>
            <h2 id="active-title">{t('home.inProgress')}</h2>
            <p className="muted">{t('home.startedPhase', { started: f.dateTime(active.data.startedAt), phase: active.data.phase })}</p>
          </div>
          <button type="button" className="big" onClick={() => go({ name: 'session', id: active.data!.id })}>
            {t('home.resume')}
          </button>
        </section>
      )}

      <section className="card stack" aria-labelledby="due-title">
        <h2 id="due-title">{t('home.dueTitle')}</h2>
        {due.error && <p className="error">{due.error}</p>}
        <DataTable caption={t('home.dueTitle')} columns={dueColumns(t, f, open)} rows={due.data} rowKey={(d) => d.enrolmentId} empty={t('home.dueNone')} />
      </section>

      <section className="card stack" aria-labelledby="patients-title">
        <div className="row between">
          <h2 id="patients-title">{t('home.patients')}</h2>
          <button type="button" onClick={() => go({ name: 'newPatient' })}>
            {t('home.newPatient')}
          </button>
        </div>
        <PatientPicker variant="table" action={{ label: t('home.open'), onPick: open }} />
      </section>
    </div>
  );
}
