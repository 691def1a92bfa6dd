// One patient: identity and contact, screening, allergies, consent, course, plan, past sessions,
// grade, and the start of a session.
import { useState } from 'react';
import { GRADE_SCALES, GRADE_SCALE_NAMES, LANGUAGE_NAMES, suggestedScales, type GradeScale, type GradeView } from '../../electron/contract/patients.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { fmtDate } from '../format.js';
import { Actions, DataTable, Field, Form, FormAlert, Select, type Column } from '../kit/index.js';
import { AllergiesCard } from '../record/AllergiesCard.js';
import { ConsentsCard } from '../record/ConsentsCard.js';
import { ContactEdit } from '../record/ContactEdit.js';
import { HistoryCard } from '../record/HistoryCard.js';
import { PlanEditor } from '../record/PlanEditor.js';
import { ScreeningCard } from '../record/ScreeningCard.js';
import { StartSession } from '../record/StartSession.js';
import { useNavigate } from '../navigation.js';

const today = () => new Date().toISOString().slice(0, 10);

const GRADE_COLUMNS: Column<GradeView>[] = [
  { id: 'visit', header: 'Visit', cell: (g) => fmtDate(g.visitDate) },
  { id: 'scale', header: 'Scale', cell: (g) => GRADE_SCALE_NAMES[g.scale] },
  { id: 'grade', header: 'Grade', cell: (g) => g.grade },
  { id: 'note', header: 'Note', cell: (g) => g.note ?? '' },
];

export function PatientScreen({ id, canTreat }: { id: number; canTreat: boolean }) {
  const go = useNavigate();
  const patient = useLoad('patients.get', { id });
  const courses = useLoad('courses.forPatient', { patientId: id });
  const [starting, setStarting] = useState(false);
  const [editingContact, setEditingContact] = useState(false);
  const p = patient.data;
  if (patient.error) return <p className="error" role="alert">{patient.error}</p>;
  if (!p) return <p>Loading…</p>;
  const activeCourse = courses.data?.find((c) => c.status === 'active') ?? null;

  return (
    <div className="stack">
      <div className="row between">
        <div>
          <h1>{p.fullName ?? p.clinicId ?? `Patient ${p.id}`}</h1>
          <p className="muted">
            Born {fmtDate(p.birthDate)} · clinic id {p.clinicId ?? '-'} · {p.sex}
          </p>
          <p className="muted small" data-testid="contact">
            Phone {p.phone ?? 'not recorded'} · e-mail {p.email ?? 'not recorded'} · language {p.preferredLanguage ? LANGUAGE_NAMES[p.preferredLanguage] : 'not recorded'}
          </p>
          {canTreat && !editingContact && (
            <button type="button" className="secondary" onClick={() => setEditingContact(true)}>
              Edit contact details
            </button>
          )}
        </div>
        {canTreat && (
          <button type="button" className="big" onClick={() => setStarting(true)}>
            Start session
          </button>
        )}
      </div>

      {editingContact && (
        <ContactEdit
          p={p}
          onCancel={() => setEditingContact(false)}
          onDone={() => {
            setEditingContact(false);
            patient.reload();
          }}
        />
      )}
      <div className="grid2">
        <ScreeningCard p={p} onChanged={patient.reload} canEdit={canTreat} />
        <div className="stack">
          <AllergiesCard p={p} onChanged={patient.reload} canEdit={canTreat} />
          <section className="card stack" aria-labelledby="pt-course">
            <h2 id="pt-course">Course</h2>
            {activeCourse ? (
              <>
                <p>
                  <strong>{activeCourse.template.name}</strong> · session #{activeCourse.timing.sessionNumber} ({activeCourse.timing.phaseLabel})
                </p>
                <p className="muted">
                  Due {fmtDate(activeCourse.timing.dueDate)}
                  {activeCourse.timing.earliestDate ? ` · not before ${fmtDate(activeCourse.timing.earliestDate)}` : ''}
                  {activeCourse.timing.latestDate ? ` · not after ${fmtDate(activeCourse.timing.latestDate)}` : ''}
                </p>
                {activeCourse.timing.tooEarly && <p className="warnbox">Too early for the next session under this course.</p>}
                {activeCourse.timing.overdue && <p className="warnbox">The next session is overdue.</p>}
              </>
            ) : (
              canTreat && <Enrol patientId={id} onDone={courses.reload} />
            )}
          </section>
        </div>
      </div>

      <ConsentsCard p={p} onChanged={patient.reload} canEdit={canTreat} />
      <PlanEditor patientId={id} canEdit={canTreat} />
      <HistoryCard patientId={id} onOpen={(sessionId) => go({ name: 'sessionRecord', id: sessionId, patientId: id })} />

      <section className="card stack" aria-labelledby="pt-grade">
        <h2 id="pt-grade">Hair-loss grade</h2>
        <DataTable caption="Hair-loss grades" columns={GRADE_COLUMNS} rows={p.grades} rowKey={(g) => g.id} empty="No grade recorded." />
        {canTreat && <RecordGrade patientId={id} scales={suggestedScales(p.sex)} onDone={patient.reload} />}
      </section>

      {starting && (
        <StartSession p={p} courseId={activeCourse?.id} onClose={() => setStarting(false)} onStarted={(sid) => go({ name: 'session', id: sid })} onPatientChanged={patient.reload} />
      )}
    </div>
  );
}

function Enrol({ patientId, onDone }: { patientId: number; onDone: () => void }) {
  const api = useApi();
  const templates = useLoad('courses.templates', {});
  const [templateId, setTemplateId] = useState('');
  const { busy, failure, run } = useAction();
  const submit = async () => {
    if (templateId === '') return;
    if (await run(() => api.call('courses.enrol', { patientId, templateId: Number(templateId), startDate: today() }))) onDone();
  };
  return (
    <Form className="stack" failure={failure} onSubmit={submit}>
      <p className="muted">Not enrolled on a course.</p>
      <Field label="Course template" field="templateId">
        <Select value={templateId} onChoose={setTemplateId} none="Choose…" options={templates.data?.map((t) => [String(t.templateId), t.name] as const) ?? []} />
      </Field>
      <FormAlert />
      <Actions>
        <button type="submit" disabled={busy || templateId === ''}>
          Enrol
        </button>
      </Actions>
    </Form>
  );
}

const SCALE_OPTIONS = (Object.keys(GRADE_SCALES) as GradeScale[]).map((s) => [s, GRADE_SCALE_NAMES[s]] as const);

function RecordGrade({ patientId, scales, onDone }: { patientId: number; scales: GradeScale[]; onDone: () => void }) {
  const api = useApi();
  const [scale, setScale] = useState<GradeScale>(scales[0] ?? 'norwood');
  const [grade, setGrade] = useState('');
  const { busy, failure, run } = useAction();
  const submit = async () => {
    if (await run(() => api.call('patients.recordGrade', { patientId, visitDate: today(), scale, grade }))) {
      setGrade('');
      onDone();
    }
  };
  return (
    <Form className="row" failure={failure} onSubmit={submit}>
      <Field label="Scale" field="scale">
        <Select
          value={scale}
          onChoose={(s) => {
            if (!s) return;
            setScale(s);
            setGrade('');
          }}
          options={SCALE_OPTIONS}
        />
      </Field>
      <Field label="Grade today" field="grade">
        <Select value={grade} onChoose={setGrade} none="Choose…" options={GRADE_SCALES[scale].map((g) => [g, g] as const)} />
      </Field>
      <button type="submit" className="secondary" disabled={busy || !grade} style={{ alignSelf: 'flex-end' }}>
        Record grade
      </button>
      <FormAlert />
    </Form>
  );
}
