// Rows in, views out: patients' plans, and what a draft reads from the last session.
import type { PlanSource, PlanView } from '../../contract/plans.js';
import type { DoseProfile } from '../../contract/serum.js';
import { ZONES, type Zone } from '../../contract/sessions.js';
import type { Db } from '../storage/db.js';

interface PlanRow {
  id: number;
  patient_id: number;
  serum_id: number;
  profile: string;
  zone_targets: string;
  over_soft_reasons: string;
  source: PlanSource;
  created_by_id: number;
  created_by_name: string;
  created_at: string;
}

export function latestPlan(db: Db, patientId: number, serumName: (serumId: number) => string): PlanView | null {
  const r = db.prepare('SELECT * FROM patient_plans WHERE patient_id = ? ORDER BY id DESC LIMIT 1').get(patientId) as PlanRow | undefined;
  if (!r) return null;
  return {
    id: r.id,
    patientId: r.patient_id,
    serumId: r.serum_id,
    serumName: serumName(r.serum_id),
    profile: JSON.parse(r.profile) as DoseProfile,
    zoneTargetsNl: JSON.parse(r.zone_targets) as Record<Zone, number>,
    overSoftReasons: JSON.parse(r.over_soft_reasons) as Partial<Record<Zone, string>>,
    source: r.source,
    createdBy: { userId: r.created_by_id, name: r.created_by_name },
    createdAt: r.created_at,
  };
}

export function insertPlan(
  db: Db,
  p: { patientId: number; serumId: number; profile: DoseProfile; targets: Record<Zone, number>; reasons: Partial<Record<Zone, string>>; source: PlanSource; byId: number; byName: string; at: string },
): number {
  return Number(
    db
      .prepare(
        `INSERT INTO patient_plans (patient_id, serum_id, profile, zone_targets, over_soft_reasons, source, created_by_id, created_by_name, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.patientId, p.serumId, JSON.stringify(p.profile), JSON.stringify(p.targets), JSON.stringify(p.reasons), p.source, p.byId, p.byName, p.at).lastInsertRowid,
  );
}

/** Delivered volume per zone of a session (every zone present; 0 where nothing was given). */
export function deliveredByZone(db: Db, sessionId: number): Record<Zone, number> {
  const out = Object.fromEntries(ZONES.map((z) => [z, 0])) as Record<Zone, number>;
  for (const r of db.prepare('SELECT zone, SUM(delivered_nl) AS nl FROM dose_records WHERE session_id = ? AND zone IS NOT NULL GROUP BY zone').all(sessionId) as { zone: Zone; nl: number }[])
    if (r.zone in out) out[r.zone] = r.nl;
  return out;
}

/** The last dose profile a session sent to the gun, as the plan keeps it (without the shot interval). */
export function lastProfileOf(db: Db, sessionId: number): DoseProfile | null {
  const r = db
    .prepare("SELECT json_extract(detail, '$.profile') AS p FROM session_steps WHERE session_id = ? AND event = 'PROFILE_SET' AND detail IS NOT NULL ORDER BY id DESC LIMIT 1")
    .get(sessionId) as { p: string | null } | undefined;
  if (!r?.p) return null;
  const p = JSON.parse(r.p) as DoseProfile & { minIntervalMs?: number };
  return { doseNl: p.doseNl, entryPct: p.entryPct, dwellPct: p.dwellPct, exitPct: p.exitPct, depthUm: p.depthUm, mode: p.mode };
}
