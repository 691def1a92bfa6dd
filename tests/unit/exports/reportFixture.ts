// A hand-made session report with every section filled (and hostile text where text is free), for
// the PDF tests. Not a test file itself.
import { ZONES, type SessionReport } from '../../../electron/core/exports/model.js';

export const HOSTILE_NAME = '=HYPERLINK("http://x")\u202Egnp.exe <b>Zoë</b> 👩‍⚕️ e\u0301 zero\u200Bwidth';

export function fixtureReport(overrides: Partial<SessionReport> = {}): SessionReport {
  const t0 = Date.UTC(2025, 2, 4, 13, 0, 0);
  const zones = ZONES.map((zone, i) => ({ zone, shots: zone === 'occipital' ? 0 : 20 + i * 5, deliveredNl: zone === 'occipital' ? 0 : (20 + i * 5) * 20_000, commandedNl: zone === 'occipital' ? 0 : (20 + i * 5) * 20_000, targetNl: 800_000, faults: i === 2 ? 1 : 0 }));
  const timeline = ZONES.filter((z) => z !== 'occipital').map((zone, i) => ({
    zone,
    firstShotMs: t0 + 20 * 60_000 + i * 120_000,
    lastShotMs: t0 + 20 * 60_000 + i * 120_000 + 100_000,
    shots: 20 + i * 5,
    deliveredNl: (20 + i * 5) * 20_000,
    faults: i === 2 ? 1 : 0,
  }));
  return {
    sessionId: 4711,
    status: 'signed',
    phase: 'signed',
    startedAtMs: t0,
    closedAtMs: t0 + 45 * 60_000,
    patient: { id: 12, code: 'P-ABCD-EFGH-JKMN', fullName: HOSTILE_NAME, birthDate: '1980-05-17', clinicId: 'CL-0012', sex: 'female' },
    clinician: { userId: 3, username: 'dr.rossi', displayName: 'Dr. Anna Rossi' },
    signatures: [
      { userId: 3, username: 'dr.rossi', displayName: 'Dr. Anna Rossi', meaning: 'performed', signedAtMs: t0 + 44 * 60_000 },
      { userId: 4, username: 'sup.b', displayName: 'Dr. Bruno Supervisor', meaning: 'reviewed', signedAtMs: t0 + 45 * 60_000 },
    ],
    gun: { serial: 'MG-2024-000123', model: 'MesoGun S2', firmware: '2.4.1' },
    serum: { serumVersionId: 7, name: 'Revita hair cocktail', libraryVersion: 3, lotNumber: 'LOT-24A17', expiry: '2026-01-31' },
    thermo: {
      steam: { plannedMs: 600_000, startedAtMs: t0 + 60_000, endedAtMs: t0 + 11 * 60_000, activeMs: 600_000, pauses: 0, shortened: null },
      massage: { plannedMs: 300_000, startedAtMs: t0 + 11 * 60_000, endedAtMs: t0 + 17 * 60_000, activeMs: 330_000, pauses: 1, shortened: { reason: 'patient dizzy', approvedBy: 'admin.a' } },
      skipped: null,
    },
    zones,
    totals: { shots: zones.reduce((s, z) => s + z.shots, 0), deliveredNl: zones.reduce((s, z) => s + z.deliveredNl, 0), commandedNl: zones.reduce((s, z) => s + z.commandedNl, 0), faults: 1, authenticated: zones.reduce((s, z) => s + z.shots, 0) - 2 },
    timeline,
    limitEvents: [
      { atMs: t0 + 30 * 60_000, kind: 'soft_stop', scope: 'zone', zone: 'vertex', totalNl: 800_000, limitNl: 800_000, reason: null, detail: 'zone soft maximum reached', userId: null },
      { atMs: t0 + 30 * 60_000 + 20_000, kind: 'soft_ack', scope: 'zone', zone: 'vertex', totalNl: 800_000, limitNl: 800_000, reason: '=1+1 thin crown, per protocol', detail: 'override acknowledged', userId: 3 },
    ],
    interruptions: [{ kind: 'station-restart', startedAtMs: t0 + 25 * 60_000, endedAtMs: t0 + 26 * 60_000, recovered: 49, missing: 0 }],
    closing: { oilSerumApplied: true, aftercareGiven: true, notes: '<script>alert(1)</script> no washing for 8 h', atMs: t0 + 40 * 60_000 },
    abort: null,
    addenda: [],
    intakeNotes: 'first session',
    courseId: null,
    ...overrides,
  };
}
