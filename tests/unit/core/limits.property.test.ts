// The arming budget and the next-shot rule are one rule seen twice (limits.ts): arm() refuses while
// nextShotProblems() names a problem, and otherwise arms the gun with armBudgetNl(), which the gun
// enforces itself. For random serum limits, totals, records on their way, acknowledgements and doses:
// - arming is allowed (the budget holds one shot) exactly when the next shot has no problem;
// - with every soft limit acknowledged, exactly when the next shot breaks no hard limit;
// - whatever the gun delivers inside its budget keeps every limit still in force (hard, and soft
//   unacknowledged), counting the records on their way;
// - more delivered, or more on its way, never gives the gun more room.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DOSE_NL, MAX_VOLUME_NL, ZONES } from '../../../electron/contract/sessions.js';
import { armBudgetNl, nextShotProblems, pessimisticShotNl, type NextShotArgs, type VolumeLimits } from '../../../electron/core/sessions/limits.js';

const RUNS = 2_000;

/** A serum's caps as the library holds them: soft at or under hard, each within one syringe. */
const limitsArb: fc.Arbitrary<VolumeLimits> = fc
  .tuple(fc.integer({ min: 1, max: MAX_VOLUME_NL }), fc.integer({ min: 1, max: MAX_VOLUME_NL }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 }))
  .map(([zoneHardNl, sessionHardNl, zoneSoftPct, sessionSoftPct]) => ({
    zoneHardNl,
    zoneSoftNl: Math.floor((zoneHardNl * zoneSoftPct) / 100),
    sessionHardNl,
    sessionSoftNl: Math.floor((sessionHardNl * sessionSoftPct) / 100),
  }));

/** Everything a check reads, totals near and past the limits included; the zone's part never exceeds the session's. */
const argsArb: fc.Arbitrary<NextShotArgs> = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    limits: limitsArb,
    zoneTotalNl: fc.integer({ min: 0, max: MAX_VOLUME_NL + MAX_DOSE_NL }),
    otherZonesNl: fc.integer({ min: 0, max: MAX_VOLUME_NL }),
    doseNl: fc.integer({ min: 1, max: MAX_DOSE_NL }),
    largestDoseNl: fc.integer({ min: 0, max: MAX_DOSE_NL }),
    zoneRecords: fc.integer({ min: 0, max: 5 }),
    otherRecords: fc.integer({ min: 0, max: 5 }),
    acked: fc.record({ zone: fc.boolean(), session: fc.boolean() }),
  })
  .map((r) => {
    // Records on their way count at the largest dose of the session's profiles, plus 10 %.
    const shot = pessimisticShotNl(Math.max(r.largestDoseNl, r.doseNl));
    const records = r.zoneRecords + r.otherRecords;
    return {
      zone: r.zone,
      limits: r.limits,
      zoneTotalNl: r.zoneTotalNl,
      sessionTotalNl: r.zoneTotalNl + r.otherZonesNl,
      doseNl: r.doseNl,
      acked: r.acked,
      unconfirmed: { records, zoneNl: r.zoneRecords * shot, sessionNl: records * shot },
    };
  });

const budgetOf = ({ doseNl: _dose, ...rest }: NextShotArgs) => armBudgetNl(rest);

describe('the arming budget and the next-shot problems (property)', () => {
  it('arming is allowed exactly when the next shot has no problem: budget >= dose iff no problem', () => {
    fc.assert(
      fc.property(argsArb, (a) => {
        expect(budgetOf(a) >= a.doseNl).toBe(nextShotProblems(a).length === 0);
      }),
      { numRuns: RUNS },
    );
  });

  it('with every soft limit acknowledged, the budget holds one shot exactly when no hard limit would be passed', () => {
    fc.assert(
      fc.property(argsArb, (a0) => {
        const a = { ...a0, acked: { zone: true, session: true } };
        const problems = nextShotProblems(a);
        expect(problems.every((p) => p.kind === 'hard')).toBe(true);
        expect(budgetOf(a) >= a.doseNl).toBe(problems.length === 0);
      }),
      { numRuns: RUNS },
    );
  });

  it('a hard problem is reported whatever is acknowledged, and then no soft one', () => {
    fc.assert(
      fc.property(argsArb, (a) => {
        const problems = nextShotProblems(a);
        const hard = nextShotProblems({ ...a, acked: { zone: true, session: true } });
        expect(problems.filter((p) => p.kind === 'hard')).toEqual(hard);
        if (hard.length > 0) expect(problems).toEqual(hard);
      }),
      { numRuns: RUNS },
    );
  });

  it('whatever the gun delivers within its budget keeps every limit in force, records on their way counted', () => {
    fc.assert(
      fc.property(argsArb, (a) => {
        const budget = budgetOf(a);
        expect(Number.isInteger(budget)).toBe(true);
        expect(budget).toBeGreaterThanOrEqual(0);
        if (budget === 0) return;
        const zoneUsed = a.zoneTotalNl + a.unconfirmed!.zoneNl + budget;
        const sessionUsed = a.sessionTotalNl + a.unconfirmed!.sessionNl + budget;
        expect(zoneUsed).toBeLessThanOrEqual(a.limits.zoneHardNl);
        expect(sessionUsed).toBeLessThanOrEqual(a.limits.sessionHardNl);
        if (!a.acked.zone) expect(zoneUsed).toBeLessThanOrEqual(a.limits.zoneSoftNl);
        if (!a.acked.session) expect(sessionUsed).toBeLessThanOrEqual(a.limits.sessionSoftNl);
      }),
      { numRuns: RUNS },
    );
  });

  it('more delivered, or more on its way, never gives the gun more room', () => {
    fc.assert(
      fc.property(argsArb, fc.integer({ min: 0, max: MAX_DOSE_NL }), fc.integer({ min: 0, max: 3 }), (a, moreNl, moreRecords) => {
        const shot = pessimisticShotNl(a.doseNl);
        const u = a.unconfirmed!;
        const later: NextShotArgs = {
          ...a,
          zoneTotalNl: a.zoneTotalNl + moreNl,
          sessionTotalNl: a.sessionTotalNl + moreNl,
          unconfirmed: { records: u.records + moreRecords, zoneNl: u.zoneNl + moreRecords * shot, sessionNl: u.sessionNl + moreRecords * shot },
        };
        expect(budgetOf(later)).toBeLessThanOrEqual(budgetOf(a));
        // And a shot refused now stays refused.
        if (nextShotProblems(a).length > 0) expect(nextShotProblems(later).length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });
});
