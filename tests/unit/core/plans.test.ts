// A patient's plan: "repeat last session" fills every zone from what the last session delivered
// (occipital spared when it got nothing), a draft from the course template, a target over the
// serum's soft limit needs a reason (and over the hard one is refused), and the plan feeds the
// session's zone targets only for its own serum.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coursePortFrom } from '../../../electron/core/sessions/wiring.js';
import { CLINICIAN, makeRecord, pastSession, type RecordFixture } from './record.fixture.js';
import { refusal } from '../../support/coreErrors.js';

let r: RecordFixture;
beforeEach(() => {
  r = makeRecord();
});
afterEach(() => r.close());

const serum = (prefix: string) => r.serumLibrary.list().find((s) => s.name.startsWith(prefix))!;
const patient = () => r.patients.create(CLINICIAN, { fullName: 'Lucía Gómez', birthDate: '1979-07-07', sex: 'female' }).id;
const ZERO = { frontal: 0, mid_scalp: 0, vertex: 0, temporal_left: 0, temporal_right: 0, parietal_left: 0, parietal_right: 0, occipital: 0 };

describe('plans', () => {
  it('"repeat last session" fills every zone from the last session that delivered serum, occipital spared', () => {
    const p = patient();
    const cocktail = serum('Hair');
    pastSession(r.db, { patientId: p, day: '2026-09-10', status: 'signed', serumVersionId: cocktail.versionId, doses: { frontal: 500_000 } });
    const last = pastSession(r.db, { patientId: p, day: '2026-09-20', status: 'aborted', serumVersionId: cocktail.versionId, doses: { frontal: 400_400, vertex: 350_000, mid_scalp: 299_600 } });
    const d = r.plans.draft({ patientId: p, from: 'last-session' });
    expect(d).toMatchObject({ serumId: cocktail.serumId, source: 'last-session', basis: { code: 'plan.from-session', params: { sessionId: last, date: '2026-09-20' } } });
    expect(d.zoneTargetsNl).toEqual({ ...ZERO, frontal: 400_000, vertex: 350_000, mid_scalp: 300_000 });
    expect(d.zoneTargetsNl.occipital).toBe(0);
    expect(d.profile).toEqual(cocktail.defaultProfile);
  });

  it('has nothing to repeat for a patient without a session that delivered serum', async () => {
    const p = patient();
    pastSession(r.db, { patientId: p, day: '2026-09-20', status: 'aborted', serumVersionId: serum('Hair').versionId, doses: {} });
    expect((await refusal(() => r.plans.draft({ patientId: p, from: 'last-session' }))).reason?.code).toBe('plan.no-last-session');
  });

  it('a draft from the course template spares the occipital and stays within the zone soft limit', async () => {
    const p = patient();
    const biotin = serum('Biotin');
    const d = r.plans.draft({ patientId: p, from: 'course-template', serumId: biotin.serumId });
    expect(d.zoneTargetsNl.occipital).toBe(0);
    for (const [zone, nl] of Object.entries(d.zoneTargetsNl)) if (zone !== 'occipital') expect(nl).toBeGreaterThan(0);
    expect(Math.max(...Object.values(d.zoneTargetsNl))).toBeLessThanOrEqual(biotin.zoneVolume.softMaxNl);
    expect((await refusal(() => r.plans.draft({ patientId: p, from: 'course-template' }))).reason?.code).toBe('plan.no-serum');
  });

  it('a target above the zone soft limit needs a reason; above the hard limit it is refused; saved plans are versions, audited', async () => {
    const p = patient();
    const biotin = serum('Biotin'); // zone soft 600 µL, hard 1000 µL
    const base = { patientId: p, serumId: biotin.serumId, profile: biotin.defaultProfile, source: 'manual' as const };
    const needs = await refusal(() => r.plans.save(CLINICIAN, { ...base, zoneTargetsNl: { ...ZERO, vertex: 700_000 } }));
    expect([needs.code, needs.field, needs.reason?.code]).toEqual(['validation', 'overSoftReasons.vertex', 'plan.target-needs-reason']);
    expect((await refusal(() => r.plans.save(CLINICIAN, { ...base, zoneTargetsNl: { ...ZERO, vertex: 1_000_001 } }))).reason?.code).toBe('plan.target-over-hard');
    const missing = await refusal(() => r.plans.save(CLINICIAN, { ...base, zoneTargetsNl: { ...ZERO, vertex: undefined } as never }));
    expect([missing.code, missing.field]).toEqual(['validation', 'zoneTargetsNl.vertex']);
    const saved = r.plans.save(CLINICIAN, { ...base, zoneTargetsNl: { ...ZERO, vertex: 700_000, frontal: 300_000 }, overSoftReasons: { vertex: 'thinnest area; agreed with the patient', frontal: 'not needed' } });
    expect(saved).toMatchObject({ serumName: biotin.name, zoneTargetsNl: { vertex: 700_000, occipital: 0 }, overSoftReasons: { vertex: 'thinnest area; agreed with the patient' }, createdBy: { userId: 2 } });
    expect(saved.overSoftReasons).not.toHaveProperty('frontal');
    expect(r.audit.entries.at(-1)).toMatchObject({ action: 'patient.plan', oldValue: null, newValue: { planId: saved.id } });
    const second = r.plans.save(CLINICIAN, { ...base, zoneTargetsNl: { ...ZERO, vertex: 500_000 } });
    expect(r.plans.get({ patientId: p })?.id).toBe(second.id);
    // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
    expect(() => r.db.prepare('DELETE FROM patient_plans').run()).toThrow(/never deleted/);
  });

  it('feeds the zone targets of a session that loads its serum, and of no other serum', () => {
    const p = patient();
    const biotin = serum('Biotin');
    r.plans.save(CLINICIAN, { patientId: p, serumId: biotin.serumId, profile: biotin.defaultProfile, zoneTargetsNl: { ...ZERO, vertex: 400_000, frontal: 200_000 }, source: 'manual' });
    const port = coursePortFrom(r.enrolments, r.serumLibrary, r.plans);
    expect(port.zoneTargets!({ patientId: p, serumVersionId: biotin.versionId })).toEqual({ ...ZERO, vertex: 400_000, frontal: 200_000 });
    expect(port.zoneTargets!({ patientId: p, serumVersionId: serum('Hair').versionId })).toBeNull();
  });
});
