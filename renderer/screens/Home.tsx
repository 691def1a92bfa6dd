// Clinician home: the session in progress (if any), courses due today, patients.
import type { DueCourse } from '../../electron/contract/courses.js';
import { useLoad } from '../api/hooks.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { Card, DataTable, PatientPicker, Screen, buttonColumn, type Column } from '../kit/index.js';
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
    buttonColumn({ id: 'open', header: t('home.open'), label: t('home.open'), onClick: (d) => open(d.patientId) }),
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
    <Screen title={t('home.title')}>
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

      <Card title={t('home.dueTitle')} titleId="due-title">
        {due.error && <p className="error">{due.error}</p>}
        <DataTable caption={t('home.dueTitle')} columns={dueColumns(t, f, open)} rows={due.data} rowKey={(d) => d.enrolmentId} empty={t('home.dueNone')} />
      </Card>

      <Card title={t('home.patients')} titleId="patients-title" action={{ label: t('home.newPatient'), onClick: () => go({ name: 'newPatient' }) }}>
        <PatientPicker variant="table" action={{ label: t('home.open'), onPick: open }} />
      </Card>
    </Screen>
  );
}
