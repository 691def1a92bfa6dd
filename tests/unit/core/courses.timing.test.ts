// The course rules of each seeded template, through the pure checkSessionTiming: dates of completed
// sessions in, due date / too early / overdue / completion out, including the boundary days.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CourseTemplateView } from '../../../electron/contract/courses.js';
import { CourseTemplateService } from '../../../electron/core/courses/templates.js';
import { checkSessionTiming, phaseFor, type CourseForTiming } from '../../../electron/core/courses/timing.js';
import { addDays } from '../../../electron/core/patients/dates.js';
import { openDatabase } from '../../../electron/core/storage/db.js';

let templates: CourseTemplateView[] = [];

beforeAll(() => {
  // The templates under test are the ones the migration seeds, read back from a fresh database.
  const dir = mkdtempSync(join(tmpdir(), 'meso-courses-'));
  const db = openDatabase(join(dir, 'station.db'));
  templates = new CourseTemplateService(db, { append: () => undefined }, { now: () => 0 }).list();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function course(key: string, startDate = '2026-09-01'): CourseForTiming {
  const t = templates.find((x) => x.key === key);
  if (!t) throw new Error(`no seeded template ${key}`);
  return { ...t, startDate };
}

/** Session dates `gaps` days apart, starting at start. */
function sessions(start: string, ...gaps: number[]): string[] {
  const out = [start];
  for (const g of gaps) out.push(addDays(out.at(-1)!, g));
  return out;
}

const D = '2026-09-01';

describe('seeded templates', () => {
  it('seeds the six protocols from the seed documents as version 1', () => {
    expect(templates.map((t) => t.key)).toEqual([
      'seed-003-eight-sessions',
      'seed-002-monthly-fortnightly-maintenance',
      'seed-004-fortnightly-five-months',
      'seed-001-ten-sessions',
      'seed-000-maintenance-monthly',
      'seed-000-maintenance-quarterly',
    ]);
    expect(templates.every((t) => t.version === 1 && t.createdBy === null)).toBe(true);
  });
});

describe('seed 003: 4 weekly (max 11 days), then 4 (max 22 days)', () => {
  const c = () => course('seed-003-eight-sessions');

  it('the first session is due on the start date and is never early or overdue', () => {
    const t = checkSessionTiming(c(), [], '2026-08-01');
    expect(t).toMatchObject({ sessionNumber: 1, phaseLabel: 'Weekly', dueDate: D, earliestDate: null, tooEarly: false, overdue: false, completed: false });
  });

  it('session 2: due in 7 days; day 4 is too early, day 5 is not; day 11 is on time, day 12 overdue', () => {
    const done = [D];
    const at = (today: string) => checkSessionTiming(c(), done, today);
    expect(at(D)).toMatchObject({ sessionNumber: 2, dueDate: '2026-09-08', earliestDate: '2026-09-06', latestDate: '2026-09-12', minGapDays: 5, maxGapDays: 11 });
    expect(at('2026-09-05').tooEarly).toBe(true);
    expect(at('2026-09-06').tooEarly).toBe(false);
    expect(at('2026-09-12').overdue).toBe(false);
    expect(at('2026-09-13').overdue).toBe(true);
  });

  it('session 5 (first of the second block) allows up to 22 days', () => {
    const done = sessions(D, 7, 7, 7); // 09-01, 08, 15, 22
    const at = (today: string) => checkSessionTiming(c(), done, today);
    expect(at('2026-09-22')).toMatchObject({ sessionNumber: 5, phaseIndex: 1, phaseLabel: 'Consolidation', dueDate: '2026-10-06', maxGapDays: 22, latestDate: '2026-10-14' });
    expect(at('2026-10-14').overdue).toBe(false);
    expect(at('2026-10-15').overdue).toBe(true);
    expect(at('2026-09-26').tooEarly).toBe(true);
    expect(at('2026-09-27').tooEarly).toBe(false);
  });

  it('session 4 (last weekly) is still held to 11 days', () => {
    const t = checkSessionTiming(c(), sessions(D, 7, 7), '2026-09-27');
    expect(t).toMatchObject({ sessionNumber: 4, phaseLabel: 'Weekly', latestDate: '2026-09-26', overdue: true });
  });

  it('is complete after 8 sessions: nothing more due, never overdue', () => {
    const done = sessions(D, 7, 7, 7, 14, 14, 14, 14);
    const t = checkSessionTiming(c(), done, '2027-06-01');
    expect(t).toMatchObject({ completedSessions: 8, completed: true, dueDate: null, overdue: false });
    expect(checkSessionTiming(c(), done.slice(0, 7), '2026-12-01').completed).toBe(false);
  });

  it("the serum's minimum gap tightens the phase's (and moves the due date); its maximum too", () => {
    const t = checkSessionTiming(c(), [D], '2026-09-07', { extraMinGapDays: 8 });
    expect(t).toMatchObject({ minGapDays: 8, earliestDate: '2026-09-09', dueDate: '2026-09-09', tooEarly: true });
    const loose = checkSessionTiming(c(), [D], '2026-09-07', { extraMinGapDays: 2 });
    expect(loose).toMatchObject({ minGapDays: 5, tooEarly: false });
    const capped = checkSessionTiming(c(), [D], '2026-09-11', { extraMaxGapDays: 9 });
    expect(capped).toMatchObject({ maxGapDays: 9, latestDate: '2026-09-10', overdue: true, dueDate: '2026-09-08' });
  });

  it('orders the dates itself and refuses a malformed one', () => {
    const t = checkSessionTiming(c(), ['2026-09-15', D, '2026-09-08'], '2026-09-20');
    expect(t).toMatchObject({ sessionNumber: 4, daysSinceLast: 5, dueDate: '2026-09-22' });
    // A caller's bug (the contract has already checked the dates): a plain RangeError, no code.
    expect(() => checkSessionTiming(c(), ['2026-02-30'], D)).toThrow(/not a YYYY-MM-DD date/);
  });
});

describe('seed 002: month 1 weekly, months 2-3 every 15 days, then monthly maintenance', () => {
  const c = () => course('seed-002-monthly-fortnightly-maintenance');

  it('month 1: 4 sessions about weekly (max 10 days)', () => {
    const t = checkSessionTiming(c(), sessions(D, 7), '2026-09-18');
    expect(t).toMatchObject({ sessionNumber: 3, phaseLabel: 'Month 1', dueDate: '2026-09-15', latestDate: '2026-09-18', overdue: false });
    expect(checkSessionTiming(c(), sessions(D, 7), '2026-09-19').overdue).toBe(true);
  });

  it('session 5: every 15 days (12-18)', () => {
    const done = sessions(D, 7, 7, 7); // last 09-22
    const at = (today: string) => checkSessionTiming(c(), done, today);
    expect(at('2026-09-22')).toMatchObject({ sessionNumber: 5, phaseLabel: 'Months 2-3', dueDate: '2026-10-07', earliestDate: '2026-10-04', latestDate: '2026-10-10' });
    expect(at('2026-10-03').tooEarly).toBe(true);
    expect(at('2026-10-04').tooEarly).toBe(false);
    expect(at('2026-10-10').overdue).toBe(false);
    expect(at('2026-10-11').overdue).toBe(true);
  });

  it('session 9 onwards: monthly maintenance, which never completes', () => {
    const done = sessions(D, 7, 7, 7, 15, 15, 15, 15);
    const t = checkSessionTiming(c(), done, '2026-12-01');
    expect(t).toMatchObject({ sessionNumber: 9, phaseLabel: 'Maintenance', dueDate: addDays(done.at(-1)!, 30), maxGapDays: 45, completed: false });
    const longRun = sessions(D, 7, 7, 7, 15, 15, 15, 15, ...Array<number>(20).fill(30));
    const late = checkSessionTiming(c(), longRun, '2030-01-01');
    expect(late).toMatchObject({ sessionNumber: 29, completed: false, overdue: true });
  });
});

describe('seed 004: never less than 14 days apart, at least 5 months', () => {
  const c = () => course('seed-004-fortnightly-five-months');

  it('13 days is too early, 14 is not; overdue after 28 days', () => {
    const at = (today: string) => checkSessionTiming(c(), [D], today);
    expect(at('2026-09-14')).toMatchObject({ tooEarly: true, earliestDate: '2026-09-15', dueDate: '2026-09-15' });
    expect(at('2026-09-15').tooEarly).toBe(false);
    expect(at('2026-09-29').overdue).toBe(false);
    expect(at('2026-09-30').overdue).toBe(true);
  });

  it('completes once the first and last session are 150 days apart, not at 149', () => {
    expect(checkSessionTiming(c(), [D, addDays(D, 149)], addDays(D, 160)).completed).toBe(false);
    const done = checkSessionTiming(c(), [D, addDays(D, 150)], addDays(D, 160));
    expect(done).toMatchObject({ completed: true, dueDate: null, overdue: false });
    const fortnightly = sessions(D, ...Array<number>(10).fill(14)); // 11 sessions, 140 days
    expect(checkSessionTiming(c(), fortnightly, addDays(D, 141)).completed).toBe(false);
    expect(checkSessionTiming(c(), [...fortnightly, addDays(D, 154)], addDays(D, 155)).completed).toBe(true);
  });
});

describe('seed 001: at least 10 sessions', () => {
  const c = () => course('seed-001-ten-sessions');

  it('9 sessions: session 10 is still due; 10 sessions: complete', () => {
    const nine = sessions(D, ...Array<number>(8).fill(7));
    const t9 = checkSessionTiming(c(), nine, addDays(nine.at(-1)!, 7));
    expect(t9).toMatchObject({ sessionNumber: 10, completed: false, dueDate: addDays(nine.at(-1)!, 7) });
    const ten = sessions(D, ...Array<number>(9).fill(7));
    expect(checkSessionTiming(c(), ten, addDays(ten.at(-1)!, 60))).toMatchObject({ completed: true, dueDate: null, overdue: false });
  });

  it('keeps a weekly rhythm: 4 days too early, 15 days overdue', () => {
    expect(checkSessionTiming(c(), [D], addDays(D, 4)).tooEarly).toBe(true);
    expect(checkSessionTiming(c(), [D], addDays(D, 5)).tooEarly).toBe(false);
    expect(checkSessionTiming(c(), [D], addDays(D, 14)).overdue).toBe(false);
    expect(checkSessionTiming(c(), [D], addDays(D, 15)).overdue).toBe(true);
  });
});

describe('seed 000: maintenance monthly or every 3 months', () => {
  it('monthly: due in 30 days, at most 45, never complete', () => {
    const c = course('seed-000-maintenance-monthly');
    const t = checkSessionTiming(c, [D], addDays(D, 45));
    expect(t).toMatchObject({ dueDate: addDays(D, 30), latestDate: addDays(D, 45), overdue: false, completed: false });
    expect(checkSessionTiming(c, [D], addDays(D, 46)).overdue).toBe(true);
    expect(checkSessionTiming(c, [D], addDays(D, 20)).tooEarly).toBe(true);
    expect(checkSessionTiming(c, sessions(D, ...Array<number>(30).fill(30)), addDays(D, 1000)).completed).toBe(false);
  });

  it('quarterly: due in 91 days, 60 at the earliest, 120 at the latest', () => {
    const c = course('seed-000-maintenance-quarterly');
    expect(checkSessionTiming(c, [D], D)).toMatchObject({ dueDate: addDays(D, 91), earliestDate: addDays(D, 60), latestDate: addDays(D, 120) });
    expect(checkSessionTiming(c, [D], addDays(D, 59)).tooEarly).toBe(true);
    expect(checkSessionTiming(c, [D], addDays(D, 121)).overdue).toBe(true);
  });
});

describe('phaseFor', () => {
  it('places sessions in counted phases and past the end in the last phase', () => {
    const phases = course('seed-003-eight-sessions').phases;
    expect([1, 4, 5, 8, 9].map((n) => phaseFor(phases, n).index)).toEqual([0, 0, 1, 1, 1]);
  });
});
