// The sessions behind one bar or point of the dashboard: the same event rows the rate counted
// (rates.ts eventRowsSql), those whose key is the row's, grouped by session. For unattributed doses,
// the dose records themselves.
import type { QualityDrill, QualityDrillRecord, QualityDrillSession, QualityDimension, QualityMetric } from '../../contract/quality.js';
import type { Db } from '../storage/db.js';
import { isSessionless } from './events.js';
import { eventRowsSql, RANGE_CTES, rateParams } from './rates.js';

export interface DrillQuery {
  metric: QualityMetric;
  dimension: QualityDimension;
  key: string | null;
  fromDate: string;
  toDate: string;
  limit: number;
  offset: number;
}

interface SessionRow {
  id: number;
  started_at: number;
  status: QualityDrillSession['status'];
  clinician_display_name: string;
  full_name: string | null;
  clinic_id: string | null;
  serum_name: string | null;
  serum_version: number | null;
  n: number;
}

interface RecordRow {
  id: number;
  gun_serial: string;
  record_id: number;
  received_at_ms: number;
  delivered_nl: number;
  unattributed_reason: string;
  a_session_id: number | null;
  a_zone: string | null;
}

export function qualityDrill(db: Db, q: DrillQuery): QualityDrill {
  const params = { ...rateParams(q), key: q.key, limit: q.limit, offset: q.offset };
  const base = `WITH ${RANGE_CTES}, ev AS MATERIALIZED (${eventRowsSql(q.metric, q.dimension)}), hit AS (SELECT * FROM ev WHERE CAST(k AS TEXT) IS @key)`;
  if (isSessionless(q.metric)) {
    const rows = db
      .prepare(
        `${base}
         SELECT d.id, d.gun_serial, d.record_id, d.received_at_ms, d.delivered_nl, d.unattributed_reason, a.session_id AS a_session_id, a.zone AS a_zone
         FROM hit JOIN dose_records d ON d.id = hit.eid LEFT JOIN dose_attributions a ON a.dose_record_id = d.id
         ORDER BY d.received_at_ms DESC, d.id DESC LIMIT @limit OFFSET @offset`,
      )
      .all(params) as RecordRow[];
    const total = (db.prepare(`${base} SELECT count(*) AS n FROM hit`).get({ ...params }) as { n: number }).n;
    const records: QualityDrillRecord[] = rows.map((r) => ({
      doseRecordId: r.id,
      gunSerial: r.gun_serial,
      recordId: r.record_id,
      receivedAt: r.received_at_ms,
      deliveredNl: r.delivered_nl,
      reason: r.unattributed_reason,
      assignment: r.a_session_id === null ? null : { sessionId: r.a_session_id, zone: r.a_zone ?? '' },
    }));
    return { sessions: [], totalSessions: 0, records, totalRecords: total };
  }
  const grouped = `${base}, per AS (SELECT sid, count(*) AS n FROM hit GROUP BY sid)`;
  const rows = db
    .prepare(
      `${grouped}
       SELECT s.id, s.started_at, s.status, s.clinician_display_name, p.full_name, p.clinic_id, v.name AS serum_name, v.version AS serum_version, per.n
       FROM per JOIN clinical_sessions s ON s.id = per.sid LEFT JOIN patients p ON p.id = s.patient_id LEFT JOIN serum_versions v ON v.id = s.serum_version_id
       ORDER BY s.started_at DESC, s.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as SessionRow[];
  const total = (db.prepare(`${grouped} SELECT count(*) AS n FROM per`).get(params) as { n: number }).n;
  const sessions: QualityDrillSession[] = rows.map((r) => ({
    sessionId: r.id,
    startedAt: r.started_at,
    status: r.status,
    clinicianName: r.clinician_display_name,
    patientName: r.full_name,
    patientClinicId: r.clinic_id,
    serum: r.serum_name === null || r.serum_version === null ? null : { name: r.serum_name, version: r.serum_version },
    events: r.n,
  }));
  return { sessions, totalSessions: total, records: [], totalRecords: 0 };
}
