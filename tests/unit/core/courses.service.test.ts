// Course templates (admin edits make new versions, audited, validated by field) and enrolments
// (pinned to a version, one running course per patient, "due today" ordering).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CourseTemplateView } from '../../../electron/contract/courses.js';
import type { Actor } from '../../../electron/core/access/actor.js';
import { EnrolmentService } from '../../../electron/core/courses/enrolments.js';
import { CourseTemplateService } from '../../../electron/core/courses/templates.js';
import type { AuditAppend, AuditPort } from '../../../electron/core/audit/port.js';
import { PatientService } from '../../../electron/core/patients/service.js';
import { openDatabase, type Db } from '../../../electron/core/storage/db.js';
import { expectCoreError } from '../../support/coreErrors.js';

const ADMIN: Actor = { userId: 1, username: 'alice', displayName: 'Alice Admin', role: 'admin' };
const CLINICIAN: Actor = { userId: 2, username: 'carl', displayName: 'Carl Clinician', role: 'clinician' };
const TODAY = '2026-09-30';
const NOON = Date.UTC(2026, 8, 30, 12, 0, 0);

class FakeAudit implements AuditPort {
  entries: AuditAppend[] = [];
  append(e: AuditAppend): void {
    this.entries.push(structuredClone(e));
  }
}

let dir: string;
let db: Db;
let audit: FakeAudit;
let patients: PatientService;
let templates: CourseTemplateService;
let enrolments: EnrolmentService;
/** Completed session dates per enrolment id, standing in for the session ledger. */
let done: Map<number, string[]>;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'meso-courses-'));
  db = openDatabase(join(dir, 'station.db'));
  audit = new FakeAudit();
  done = new Map();
  const clock = { now: () => NOON };
  patients = new PatientService(db, audit, clock);
  templates = new CourseTemplateService(db, audit, clock);
  enrolments = new EnrolmentService(db, audit, clock, patients, templates, { forEnrolment: (id) => done.get(id) ?? [] });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const byKey = (key: string): CourseTemplateView => templates.list().find((t) => t.key === key)!;
const versions = () => (db.prepare('SELECT COUNT(*) AS n FROM course_template_versions').get() as { n: number }).n;

function edit(t: CourseTemplateView, patch: Partial<CourseTemplateView> & { reason?: string }) {
  return {
    templateId: t.templateId,
    name: t.name,
    description: t.description,
    phases: t.phases,
    minSessions: t.minSessions,
    minDurationDays: t.minDurationDays,
    reason: 'clinic protocol review',
    ...patch,
  };
}

describe('course templates', () => {
  it('an admin edit creates version 2; version 1 is unchanged and still readable; audited old/new with the reason', () => {
    const v1 = byKey('seed-003-eight-sessions');
    const phases = [v1.phases[0]!, { ...v1.phases[1]!, maxGapDays: 21 }];
    const v2 = templates.update(ADMIN, edit(v1, { phases, reason: 'tighten second block', expectedVersion: 1 } as never));
    expect(v2).toMatchObject({ templateId: v1.templateId, version: 2, reason: 'tighten second block', createdBy: { userId: 1, name: 'Alice Admin' } });
    expect(v2.versionId).not.toBe(v1.versionId);
    expect(v2.phases[1]!.maxGapDays).toBe(21);
    expect(templates.version(v1.versionId)).toEqual(v1);
    expect(templates.version(v1.versionId).phases[1]!.maxGapDays).toBe(22);
    expect(byKey('seed-003-eight-sessions').version).toBe(2);
    expect(templates.list()).toHaveLength(6);

    expect(audit.entries).toHaveLength(1);
    const e = audit.entries[0]!;
    expect(e).toMatchObject({ action: 'course_template.update', entity: 'course_template', entityId: v1.templateId, reason: 'tighten second block' });
    expect((e.oldValue as { version: number; phases: { maxGapDays: number }[] }).phases[1]!.maxGapDays).toBe(22);
    expect((e.newValue as { version: number; phases: { maxGapDays: number }[] }).version).toBe(2);
  });

  it('stored versions cannot be rewritten, even by SQL', () => {
    const v1 = byKey('seed-001-ten-sessions');
    // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
    expect(() => db.prepare('UPDATE course_template_versions SET name = ? WHERE id = ?').run('x', v1.versionId)).toThrow(/immutable/);
  });

  it('refuses an edit by a clinician, without a reason, or against a stale version', async () => {
    const t = byKey('seed-001-ten-sessions');
    await expectCoreError(() => templates.update(CLINICIAN, edit(t, {})), 'forbidden');
    await expectCoreError(() => templates.update(ADMIN, edit(t, { reason: '' })), 'validation', { field: 'reason' });
    templates.update(ADMIN, edit(t, { name: 'Ten sessions' }));
    await expectCoreError(() => templates.update(ADMIN, { ...edit(t, {}), expectedVersion: 1 }), 'conflict');
    expect(versions()).toBe(7);
  });

  const badPhases: [string, Record<string, unknown>, string][] = [
    ['a minimum gap above the target', { phases: [{ label: 'A', count: 4, targetGapDays: 7, minGapDays: 8, maxGapDays: 11 }] }, 'phases[0].minGapDays'],
    ['a maximum gap below the target', { phases: [{ label: 'A', count: 4, targetGapDays: 7, minGapDays: 5, maxGapDays: 6 }] }, 'phases[0].maxGapDays'],
    [
      'an open-ended phase before another',
      {
        phases: [
          { label: 'A', count: null, targetGapDays: 7, minGapDays: 5, maxGapDays: 11 },
          { label: 'B', count: 2, targetGapDays: 7, minGapDays: 5, maxGapDays: 11 },
        ],
      },
      'phases[0].count',
    ],
    ['no phases', { phases: [] }, 'phases'],
    ['a zero-day gap', { phases: [{ label: 'A', count: 4, targetGapDays: 0, minGapDays: 0, maxGapDays: 11 }] }, 'phases[0].targetGapDays'],
    ['more minimum sessions than the phases hold', { phases: [{ label: 'A', count: 4, targetGapDays: 7, minGapDays: 5, maxGapDays: 11 }], minSessions: 5 }, 'minSessions'],
  ];
  for (const [what, patch, field] of badPhases)
    it(`refuses ${what}, naming ${field}, writing nothing`, async () => {
      await expectCoreError(() => templates.update(ADMIN, edit(byKey('seed-003-eight-sessions'), patch as never)), 'validation', { field });
      expect(versions()).toBe(6);
      expect(audit.entries).toHaveLength(0);
    });
});

describe('enrolments', () => {
  const patient = (name: string, active = true) => {
    const p = patients.create(CLINICIAN, { fullName: name, birthDate: '1980-01-01', sex: 'male' });
    if (!active) patients.update(CLINICIAN, { id: p.id, active: false, reason: 'left the clinic' });
    return p.id;
  };

  it('pins the template version: a later edit does not move an enrolled patient', () => {
    const id = patient('Bo Lund');
    const t = byKey('seed-004-fortnightly-five-months');
    const e = enrolments.enrol(CLINICIAN, { patientId: id, templateId: t.templateId, startDate: '2026-09-01' });
    expect(e).toMatchObject({ status: 'active', startDate: '2026-09-01', template: { version: 1 }, enrolledBy: { userId: 2 } });
    done.set(e.id, ['2026-09-20']);
    templates.update(ADMIN, edit(t, { phases: [{ label: 'Regular', count: null, targetGapDays: 21, minGapDays: 21, maxGapDays: 35 }] }));
    const [again] = enrolments.forPatient({ patientId: id });
    expect(again!.template.version).toBe(1);
    expect(again!.timing).toMatchObject({ sessionNumber: 2, dueDate: '2026-10-04', tooEarly: true });
    expect(audit.entries.find((x) => x.action === 'course.enrol')).toMatchObject({ entity: 'course_enrolment', entityId: e.id, newValue: { templateVersion: 1, startDate: '2026-09-01' } });
  });

  it('a new enrolment ends the running one (audited); history stays', () => {
    const id = patient('Bo Lund');
    const first = enrolments.enrol(CLINICIAN, { patientId: id, templateId: byKey('seed-003-eight-sessions').templateId, startDate: '2026-03-01' });
    const second = enrolments.enrol(CLINICIAN, { patientId: id, templateId: byKey('seed-000-maintenance-monthly').templateId, startDate: '2026-09-01' });
    const list = enrolments.forPatient({ patientId: id });
    expect(list.map((e) => [e.id, e.status])).toEqual([
      [second.id, 'active'],
      [first.id, 'ended'],
    ]);
    expect(audit.entries.filter((x) => x.entity === 'course_enrolment' && x.entityId === first.id).map((x) => x.action)).toEqual(['course.enrol', 'course.end']);
  });

  it('refuses a deactivated patient, an unknown template, a bad start date', async () => {
    const gone = patient('Gone', false);
    const t = byKey('seed-003-eight-sessions').templateId;
    await expectCoreError(() => enrolments.enrol(CLINICIAN, { patientId: gone, templateId: t, startDate: TODAY }), 'blocked');
    const id = patient('Here');
    await expectCoreError(() => enrolments.enrol(CLINICIAN, { patientId: id, templateId: 999, startDate: TODAY }), 'not-found');
    await expectCoreError(() => enrolments.enrol(CLINICIAN, { patientId: id, templateId: t, startDate: '2026-13-01' }), 'validation', { field: 'startDate' });
    expect((db.prepare('SELECT COUNT(*) AS n FROM course_enrolments').get() as { n: number }).n).toBe(0);
  });

  it('due today: due on or before today, overdue first, then by due date; inactive patients and future dues left out', () => {
    const weekly = byKey('seed-003-eight-sessions').templateId;
    const enrolOn = (name: string, startDate: string, dates: string[], active = true) => {
      const id = patient(name);
      const e = enrolments.enrol(CLINICIAN, { patientId: id, templateId: weekly, startDate });
      done.set(e.id, dates);
      if (!active) patients.update(CLINICIAN, { id, active: false, reason: 'moved' });
      return e.id;
    };
    const dueToday = enrolOn('Due Today', '2026-09-01', ['2026-09-23']); // +7 = 09-30
    const startsToday = enrolOn('Starts Today', TODAY, []);
    const overdue = enrolOn('Overdue Olle', '2026-09-01', ['2026-09-10']); // max 11 -> 09-21 passed
    const dueEarlier = enrolOn('Due Earlier', '2026-09-01', ['2026-09-20']); // due 09-27, latest 10-01
    enrolOn('Future Fay', '2026-09-01', ['2026-09-28']);
    enrolOn('Inactive Ivan', '2026-09-01', ['2026-09-10'], false);
    const due = enrolments.dueToday();
    expect(due.map((d) => d.enrolmentId)).toEqual([overdue, dueEarlier, dueToday, startsToday]);
    expect(due[0]).toMatchObject({ fullName: 'Overdue Olle', overdue: true, sessionNumber: 2, dueDate: '2026-09-17' });
    expect(due.slice(1).every((d) => !d.overdue)).toBe(true);
  });

  it('timingForPatient combines the serum gap for the session workflow', () => {
    const id = patient('Bo Lund');
    const e = enrolments.enrol(CLINICIAN, { patientId: id, templateId: byKey('seed-003-eight-sessions').templateId, startDate: '2026-09-01' });
    done.set(e.id, ['2026-09-24']);
    expect(enrolments.timingForPatient(id)?.timing.tooEarly).toBe(false);
    const withSerum = enrolments.timingForPatient(id, { extraMinGapDays: 7 });
    expect(withSerum).toMatchObject({ enrolmentId: e.id, timing: { tooEarly: true, minGapDays: 7, earliestDate: '2026-10-01' } });
    expect(enrolments.timingForPatient(patient('Not Enrolled'))).toBeNull();
  });
});
