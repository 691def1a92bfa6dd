// One patient: identity and contact, screening, allergies, consent, course, plan, past sessions,
// grade, and the start of a session.
import { useState } from 'react';
import { GRADE_SCALES, GRADE_SCALE_NAMES, LANGUAGE_NAMES, suggestedScales, type GradeScale, type GradeView } from '../../electron/contract/patients.js';
import { useAction, useApi, useLoad } from '../api/hooks.js';
import { Msg, useStationLanguage, useT, type Translate } from '../i18n/I18n.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { Card, DataTable, Field, Form, FormAlert, FormEnd, Select, type Column } from '../kit/index.js';
import { AllergiesCard } from '../record/AllergiesCard.js';
import { ConsentsCard } from '../record/ConsentsCard.js';
import { ContactEdit } from '../record/ContactEdit.js';
import { HistoryCard } from '../record/HistoryCard.js';
import { PlanEditor } from '../record/PlanEditor.js';
import { ScreeningCard } from '../record/ScreeningCard.js';
import { StartSession } from '../record/StartSession.js';
import { SEX_WORDS } from '../record/words.js';
import { useNavigate } from '../navigation.js';

const today = () => new Date().toISOString().slice(0, 10);

const gradeColumns = (t: Translate, f: Format): Column<GradeView>[] => [
  { id: 'visit', header: t('grade.visit'), cell: (g) => f.date(g.visitDate) },
  { id: 'scale', header: t('grade.scale'), cell: (g) => GRADE_SCALE_NAMES[g.scale] },
  { id: 'grade', header: t('grade.grade'), cell: (g) => g.grade },
  { id: 'note', header: t('grade.note'), cell: (g) => g.note ?? '' },
];

export function PatientScreen({ id, canTreat }: { id: number; canTreat: boolean }) {
  const go = useNavigate();
  const t = useT();
  const f = useFormat();
  const station = useStationLanguage();
  const patient = useLoad('patients.get', { id });
  const courses = useLoad('courses.forPatient', { patientId: id });
  const [starting, setStarting] = useState(false);
  const [editingContact, setEditingContact] = useState(false);
  const p = patient.data;
  if (patient.error) return <p className="error" role="alert">{patient.error}</p>;
  if (!p) return <p>{t('table.loading')}</p>;
  const activeCourse = courses.data?.find((c) => c.status === 'active') ?? null;

  return (
    <div className="stack">
      <div className="row between">
        <div>
          <h1>{p.fullName ?? p.clinicId ?? t('patient.numbered', { id: p.id })}</h1>
          <p className="muted">{t('patient.identity', { born: f.date(p.birthDate), clinicId: p.clinicId ?? '-', sex: t(SEX_WORDS[p.sex]) })}</p>
          <p className="muted small" data-testid="contact">
            {t('patient.contact', {
              phone: p.phone ?? t('contact.notRecorded'),
              email: p.email ?? t('contact.notRecorded'),
              language: p.preferredLanguage ? LANGUAGE_NAMES[p.preferredLanguage] : t('contact.notRecorded'),
            })}
          </p>
          {canTreat && !editingContact && (
            <button type="button" className="secondary" onClick={() => setEditingContact(true)}>
              {t('contact.edit')}
            </button>
          )}
        </div>
        {canTreat && (
          <button type="button" className="big" onClick={() => setStarting(true)}>
            {t('patient.start')}
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
          <Card title={t('course.title')} titleId="pt-course">
            {activeCourse ? (
              <>
                <p>
                  <Msg id="course.session" values={{ name: activeCourse.template.name, n: activeCourse.timing.sessionNumber, phase: activeCourse.timing.phaseLabel }} />
                </p>
                <p className="muted">
                  {t('course.due', {
                    date: f.date(activeCourse.timing.dueDate),
                    earliestKnown: activeCourse.timing.earliestDate ? 'yes' : 'no',
                    earliest: f.date(activeCourse.timing.earliestDate),
                    latestKnown: activeCourse.timing.latestDate ? 'yes' : 'no',
                    latest: f.date(activeCourse.timing.latestDate),
                  })}
                </p>
                {activeCourse.timing.tooEarly && <p className="warnbox">{t('course.tooEarly')}</p>}
                {activeCourse.timing.overdue && <p className="warnbox">{t('course.overdue')}</p>}
              </>
            ) : (
              canTreat && <Enrol patientId={id} onDone={courses.reload} />
            )}
          </Card>
        </div>
      </div>

      <ConsentsCard p={p} onChanged={patient.reload} canEdit={canTreat} />
      <PlanEditor patientId={id} canEdit={canTreat} />
      <HistoryCard patientId={id} sheetLanguage={p.preferredLanguage ?? station} onOpen={(sessionId) => go({ name: 'sessionRecord', id: sessionId, patientId: id })} />

      <Card title={t('grade.title')} titleId="pt-grade">
        <DataTable caption={t('grade.caption')} columns={gradeColumns(t, f)} rows={p.grades} rowKey={(g) => g.id} empty={t('grade.none')} />
        {canTreat && <RecordGrade patientId={id} scales={suggestedScales(p.sex)} onDone={patient.reload} />}
      </Card>

      {starting && (
        <StartSession p={p} courseId={activeCourse?.id} onClose={() => setStarting(false)} onStarted={(sid) => go({ name: 'session', id: sid })} onPatientChanged={patient.reload} />
      )}
    </div>
  );
}

function Enrol({ patientId, onDone }: { patientId: number; onDone: () => void }) {
  const api = useApi();
  const t = useT();
  const templates = useLoad('courses.templates', {});
  const [templateId, setTemplateId] = useState('');
  const { busy, failure, run } = useAction();
  const submit = async () => {
    if (templateId === '') return;
    if (await run(() => api.call('courses.enrol', { patientId, templateId: Number(templateId), startDate: today() }))) onDone();
  };
  return (
    <Form className="stack" failure={failure} onSubmit={submit}>
      <p className="muted">{t('course.notEnrolled')}</p>
      <Field label={t('course.template')} field="templateId">
        <Select value={templateId} onChoose={setTemplateId} none={t('common.choose')} options={templates.data?.map((c) => [String(c.templateId), c.name] as const) ?? []} />
      </Field>
      <FormEnd submit={t('course.enrol')} disabled={busy || templateId === ''} />
    </Form>
  );
}

const SCALE_OPTIONS = (Object.keys(GRADE_SCALES) as GradeScale[]).map((s) => [s, GRADE_SCALE_NAMES[s]] as const);

function RecordGrade({ patientId, scales, onDone }: { patientId: number; scales: GradeScale[]; onDone: () => void }) {
  const api = useApi();
  const t = useT();
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
      <Field label={t('grade.scale')} field="scale">
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
      <Field label={t('grade.today')} field="grade">
        <Select value={grade} onChoose={setGrade} none={t('common.choose')} options={GRADE_SCALES[scale].map((g) => [g, g] as const)} />
      </Field>
      <button type="submit" className="secondary" disabled={busy || !grade} style={{ alignSelf: 'flex-end' }}>
        {t('grade.record')}
      </button>
      <FormAlert />
    </Form>
  );
}
