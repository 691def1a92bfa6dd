// Interval rules over every session that delivered serum: signed, or aborted with doses; for
// patients outside any course too; a re-enrolment keeps the history; the serum's own minimum
// against the course template's. Through the real course port (the session workflow's), over
// sessions written straight into the record.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../electron/core/patients/dates.js';
import { serumMinimumProblem } from '../../../electron/core/sessions/intake.js';
import { coursePortFrom } from '../../../electron/core/sessions/wiring.js';
import { ADMIN, CLINICIAN, makeRecord, pastSession, type RecordFixture } from './record.fixture.js';

const TODAY = '2026-09-30';
const ago = (days: number) => addDays(TODAY, -days);

let r: RecordFixture;
beforeEach(() => {
  r = makeRecord();
});
afterEach(() => r.close());

/** Seeded: the cocktail (minimum 5 days between sessions), the biotin serum (7). */
const serum = (prefix: string) => r.serumLibrary.list().find((s) => s.name.startsWith(prefix))!;
const template = (key: string) => r.courseTemplates.list().find((t) => t.key === key)!;
const port = () => coursePortFrom(r.enrolments, r.serumLibrary, r.plans);
const patient = (name = 'Deniz Kaya') => r.patients.create(CLINICIAN, { fullName: name, birthDate: '1980-01-01', sex: 'male' }).id;
const timing = (patientId: number) => port().timing({ patientId, today: TODAY });

type Past = { daysAgo: number; status: 'signed' | 'aborted'; serum: 'Hair' | 'Biotin'; doses: boolean; inCourse?: boolean };

const TABLE: { what: string; course: string | null; past: Past[]; tooEarly: string | null; underSerumMinimum: boolean }[] = [
  { what: 'outside any course, signed 3 days ago, the serum asks 5', course: null, past: [{ daysAgo: 3, status: 'signed', serum: 'Hair', doses: true }], tooEarly: 'interval.under-serum-minimum', underSerumMinimum: true },
  { what: 'outside any course, on the serum’s earliest day', course: null, past: [{ daysAgo: 5, status: 'signed', serum: 'Hair', doses: true }], tooEarly: null, underSerumMinimum: false },
  { what: 'an aborted session that delivered serum counts', course: null, past: [{ daysAgo: 2, status: 'aborted', serum: 'Hair', doses: true }], tooEarly: 'interval.under-serum-minimum', underSerumMinimum: true },
  {
    what: 'an aborted session that delivered nothing does not count',
    course: null,
    past: [
      { daysAgo: 9, status: 'signed', serum: 'Hair', doses: true },
      { daysAgo: 2, status: 'aborted', serum: 'Hair', doses: false },
    ],
    tooEarly: null,
    underSerumMinimum: false,
  },
  { what: 'a first session ever', course: null, past: [], tooEarly: null, underSerumMinimum: false },
  {
    what: 'in a course whose minimum (5) is kept, under the serum’s (7)',
    course: 'seed-003-eight-sessions',
    past: [{ daysAgo: 6, status: 'signed', serum: 'Biotin', doses: true, inCourse: true }],
    tooEarly: 'interval.under-serum-minimum',
    underSerumMinimum: true,
  },
  {
    what: 'in a course whose minimum (14) is stricter than the serum’s (5)',
    course: 'seed-004-fortnightly-five-months',
    past: [{ daysAgo: 8, status: 'signed', serum: 'Hair', doses: true, inCourse: true }],
    tooEarly: 'interval.too-early',
    underSerumMinimum: false,
  },
  {
    what: 'in a course, an aborted session with doses is its last',
    course: 'seed-004-fortnightly-five-months',
    past: [
      { daysAgo: 20, status: 'signed', serum: 'Hair', doses: true, inCourse: true },
      { daysAgo: 10, status: 'aborted', serum: 'Hair', doses: true, inCourse: true },
    ],
    tooEarly: 'interval.too-early',
    underSerumMinimum: false,
  },
];

describe('interval rules', () => {
  for (const c of TABLE)
    it(`${c.what}: ${c.tooEarly ?? 'not early'}${c.underSerumMinimum ? ', needs an admin' : ''}`, () => {
      const p = patient();
      const enrolment = c.course ? r.enrolments.enrol(CLINICIAN, { patientId: p, templateId: template(c.course).templateId, startDate: ago(30) }) : null;
      for (const s of c.past)
        pastSession(r.db, { patientId: p, day: ago(s.daysAgo), status: s.status, serumVersionId: serum(s.serum).versionId, courseId: s.inCourse ? enrolment!.id : null, doses: s.doses ? { vertex: 200_000 } : {} });
      const t = timing(p);
      expect(t.courseId).toBe(enrolment?.id ?? null);
      expect(t.tooEarly?.code ?? null).toBe(c.tooEarly);
      expect(t.underSerumMinimum !== null).toBe(c.underSerumMinimum);
    });

  it('names the serum, its minimum, the days since the last session and the earliest day', () => {
    const p = patient();
    pastSession(r.db, { patientId: p, day: ago(3), status: 'signed', serumVersionId: serum('Hair').versionId, doses: { frontal: 100_000 } });
    expect(timing(p).underSerumMinimum).toEqual({
      code: 'interval.under-serum-minimum',
      params: { serum: serum('Hair').name, minDays: 5, daysSinceLast: 3, earliest: ago(-2), last: ago(3) },
    });
  });

  it('re-enrolment keeps the history: the new course’s first session keeps the gap from the last one', () => {
    const p = patient();
    const first = r.enrolments.enrol(CLINICIAN, { patientId: p, templateId: template('seed-003-eight-sessions').templateId, startDate: ago(40) });
    pastSession(r.db, { patientId: p, day: ago(3), status: 'signed', serumVersionId: serum('Hair').versionId, courseId: first.id, doses: { vertex: 100_000 } });
    const second = r.enrolments.enrol(CLINICIAN, { patientId: p, templateId: template('seed-001-ten-sessions').templateId, startDate: TODAY });
    const view = r.enrolments.forPatient({ patientId: p }).find((e) => e.id === second.id)!;
    expect(view.timing).toMatchObject({ sessionNumber: 1, completedSessions: 0, tooEarly: true, earliestDate: ago(-2), dueDate: ago(-2), daysSinceLast: 3 });
    expect(r.enrolments.forPatient({ patientId: p }).find((e) => e.id === first.id)!.sessionDates).toEqual([ago(3)]);
    expect(timing(p)).toMatchObject({ courseId: second.id, tooEarly: { code: 'interval.too-early', params: { earliest: ago(-2), minDays: 5, daysSinceLast: 3 } } });
  });

  it("the plan's serum is the one judged at intake", () => {
    const p = patient();
    pastSession(r.db, { patientId: p, day: ago(6), status: 'signed', serumVersionId: serum('Hair').versionId, doses: { vertex: 100_000 } });
    expect(timing(p).tooEarly).toBeNull();
    const biotin = serum('Biotin');
    r.plans.save(CLINICIAN, { patientId: p, serumId: biotin.serumId, profile: biotin.defaultProfile, zoneTargetsNl: { frontal: 0, mid_scalp: 0, vertex: 300_000, temporal_left: 0, temporal_right: 0, parietal_left: 0, parietal_right: 0, occipital: 0 }, source: 'manual' });
    expect(timing(p).underSerumMinimum).toMatchObject({ params: { serum: biotin.name, minDays: 7, daysSinceLast: 6 } });
  });

  it('overdue against the course or the serum’s maximum is a warning, not a block', () => {
    const p = patient();
    const e = r.enrolments.enrol(CLINICIAN, { patientId: p, templateId: template('seed-003-eight-sessions').templateId, startDate: ago(60) });
    pastSession(r.db, { patientId: p, day: ago(40), status: 'signed', serumVersionId: serum('Hair').versionId, courseId: e.id, doses: { vertex: 100_000 } });
    const t = timing(p);
    expect(t.tooEarly).toBeNull();
    expect(t.warnings).toEqual([expect.objectContaining({ code: 'intake.course-overdue' })]);
    void ADMIN;
  });
});

describe('the serum chosen at preparation keeps its own minimum', () => {
  const TABLE: [string, { last: string | null; days: number | null; min: number; approved: boolean }, boolean][] = [
    ['first session', { last: null, days: null, min: 7, approved: false }, false],
    ['kept', { last: ago(7), days: 7, min: 7, approved: false }, false],
    ['under, not approved at intake', { last: ago(6), days: 6, min: 7, approved: false }, true],
    ['under, approved at intake', { last: ago(6), days: 6, min: 7, approved: true }, false],
  ];
  for (const [what, args, blocked] of TABLE)
    it(`${what}: ${blocked ? 'refused' : 'allowed'}`, () => {
      const p = serumMinimumProblem({ lastSessionDate: args.last, daysSinceLast: args.days, serum: { name: 'Biotin', minDays: args.min }, approved: args.approved });
      expect(p?.code ?? null).toBe(blocked ? 'interval.under-serum-minimum' : null);
    });
});
