// One patient: identity and contact, screening, allergies, consent, course, plan, past sessions,
// grade, and the start of a session.
import { useState, type FormEvent } from 'react';
import { GRADE_SCALES, GRADE_SCALE_NAMES, LANGUAGE_NAMES, suggestedScales, type GradeScale } from '../../electron/contract/patients.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { fmtDate } from '../format.js';
import { AllergiesCard } from '../record/AllergiesCard.js';
import { ConsentsCard } from '../record/ConsentsCard.js';
import { ContactEdit } from '../record/ContactEdit.js';
import { HistoryCard } from '../record/HistoryCard.js';
import { PlanEditor } from '../record/PlanEditor.js';
import { ScreeningCard } from '../record/ScreeningCard.js';
import { StartSession } from '../record/StartSession.js';
import { useNavigate } from '../navigation.js';

const today = () => new Date().toISOString().slice(0, 10);

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
        {p.grades.length === 0 ? <p className="muted">No grade recorded.</p> : (
          <table>
            <thead>
              <tr>
                <th scope="col">Visit</th>
                <th scope="col">Scale</th>
                <th scope="col">Grade</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {p.grades.map((g) => (
                <tr key={g.id}>
                  <td>{fmtDate(g.visitDate)}</td>
                  <td>{GRADE_SCALE_NAMES[g.scale]}</td>
                  <td>{g.grade}</td>
                  <td>{g.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
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
  const [templateId, setTemplateId] = useState<number | ''>('');
  const { busy, error, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (templateId === '') return;
    if (await run(() => api.call('courses.enrol', { patientId, templateId, startDate: today() }))) onDone();
  };
  return (
    <form className="stack" onSubmit={submit}>
      <p className="muted">Not enrolled on a course.</p>
      <label className="field">
        Course template
        <select value={templateId} onChange={(e) => setTemplateId(e.target.value ? Number(e.target.value) : '')}>
          <option value="">Choose…</option>
          {templates.data?.map((t) => (
            <option key={t.templateId} value={t.templateId}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <div className="row end">
        <button type="submit" disabled={busy || templateId === ''}>
          Enrol
        </button>
      </div>
    </form>
  );
}

function RecordGrade({ patientId, scales, onDone }: { patientId: number; scales: GradeScale[]; onDone: () => void }) {
  const api = useApi();
  const [scale, setScale] = useState<GradeScale>(scales[0] ?? 'norwood');
  const [grade, setGrade] = useState('');
  const { busy, error, run } = useAction();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => api.call('patients.recordGrade', { patientId, visitDate: today(), scale, grade }))) {
      setGrade('');
      onDone();
    }
  };
  return (
    <form className="row" onSubmit={submit}>
      <label className="field">
        Scale
        <select value={scale} onChange={(e) => { setScale(e.target.value as GradeScale); setGrade(''); }}>
          {(Object.keys(GRADE_SCALES) as GradeScale[]).map((s) => (
            <option key={s} value={s}>
              {GRADE_SCALE_NAMES[s]}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        Grade today
        <select value={grade} onChange={(e) => setGrade(e.target.value)}>
          <option value="">Choose…</option>
          {GRADE_SCALES[scale].map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="secondary" disabled={busy || !grade} style={{ alignSelf: 'flex-end' }}>
        Record grade
      </button>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}
