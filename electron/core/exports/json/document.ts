// The JSON export: everything the station holds about the chosen sessions, one document, written as
// a stream (header, then one session at a time, then the unattributed doses and the totals) so its
// size never sits in memory. Its shape is records-export.schema.json (JSON Schema 2020-12); a change
// to the shape bumps JSON_SCHEMA_VERSION (major for anything a reader could trip on).
import type { SessionReport } from '../model.js';
import { DOSE_COLUMNS, jsonValue, type DoseRow } from '../query/shotColumns.js';
import { isoUtc } from '../time.js';

// 2.0.0: a session's lockedAt is closedAt ("locked" means only a locked login now).
export const JSON_SCHEMA_VERSION = '2.0.0';
export const JSON_SCHEMA_ID = 'urn:meso-station:records-export:2';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Drops keys whose value is undefined (a pseudonymised export leaves identifiers out entirely). */
function obj(entries: Record<string, Json | undefined>): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined) out[k] = v;
  return out;
}

/** A dose as the JSON holds it: every dose column of shotColumns.ts, under its JSON key. */
export function doseJson(d: DoseRow): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  const row = d as unknown as Record<string, string | number | null>;
  for (const c of DOSE_COLUMNS) out[c.json!] = jsonValue(c.kind, row[c.source.column]!);
  return out;
}

export function sessionJson(r: SessionReport, doses: readonly DoseRow[], pseudonymise: boolean): { [k: string]: Json } {
  const hide = <T extends Json>(v: T): T | undefined => (pseudonymise ? undefined : v);
  const timer = (t: SessionReport['thermo']['steam']) =>
    t === null ? null : { plannedMs: t.plannedMs, startedAt: isoUtc(t.startedAtMs), endedAt: isoUtc(t.endedAtMs), activeMs: t.activeMs, pauses: t.pauses };
  return obj({
    sessionId: r.sessionId,
    status: r.status,
    phase: r.phase,
    startedAt: isoUtc(r.startedAtMs),
    closedAt: isoUtc(r.closedAtMs),
    courseId: r.courseId,
    patient: obj({
      code: r.patient.code,
      id: hide(r.patient.id),
      fullName: hide(r.patient.fullName),
      birthDate: hide(r.patient.birthDate),
      clinicId: hide(r.patient.clinicId),
      sex: r.patient.sex,
    }),
    clinician: obj({ userId: r.clinician.userId, username: r.clinician.username, displayName: hide(r.clinician.displayName) }),
    signatures: r.signatures.map((s) => obj({ meaning: s.meaning, userId: s.userId, username: s.username, displayName: hide(s.displayName), signedAt: isoUtc(s.signedAtMs) })),
    gun: { serial: r.gun.serial, model: r.gun.model, firmware: r.gun.firmware },
    serum: { serumVersionId: r.serum.serumVersionId, name: r.serum.name, libraryVersion: r.serum.libraryVersion, lotNumber: r.serum.lotNumber, lotExpiry: r.serum.expiry },
    intakeNotes: hide(r.intakeNotes),
    thermotherapy: {
      steam: timer(r.thermo.steam),
      massage: timer(r.thermo.massage),
      skipped: r.thermo.skipped ? obj({ at: isoUtc(r.thermo.skipped.atMs), approvedBy: r.thermo.skipped.approvedBy, reason: hide(r.thermo.skipped.reason) }) : null,
    },
    zones: r.zones.map((z) => ({ zone: z.zone, shots: z.shots, deliveredNl: z.deliveredNl, commandedNl: z.commandedNl, targetNl: z.targetNl, shotsWithFault: z.faults })),
    totals: {
      shots: r.totals.shots,
      deliveredNl: r.totals.deliveredNl,
      commandedNl: r.totals.commandedNl,
      shotsWithFault: r.totals.faults,
      authenticatedShots: r.totals.authenticated,
    },
    limitEvents: r.limitEvents.map((e) =>
      obj({ at: isoUtc(e.atMs), kind: e.kind, scope: e.scope, zone: e.zone, totalNl: e.totalNl, limitNl: e.limitNl, reason: hide(e.reason), detail: e.detail, userId: e.userId }),
    ),
    closing: r.closing ? obj({ at: isoUtc(r.closing.atMs), oilSerumApplied: r.closing.oilSerumApplied, aftercareGiven: r.closing.aftercareGiven, notes: hide(r.closing.notes) }) : null,
    abort: r.abort ? obj({ at: isoUtc(r.abort.atMs), phase: r.abort.phase, reason: hide(r.abort.reason) }) : null,
    addenda: r.addenda.map((a) => obj({ at: isoUtc(a.atMs), username: a.username, text: hide(a.text), reason: hide(a.reason) })),
    doses: doses.map(doseJson),
  });
}

export interface JsonHeader {
  exportId: string;
  exportedAt: string;
  exportedBy: { userId: number; username: string; role: string };
  software: string;
  pseudonymised: boolean;
  filters: { [k: string]: Json };
}

/** The document's opening, up to the sessions array's first element. */
export function jsonOpening(h: JsonHeader): string {
  const head = JSON.stringify({ schemaVersion: JSON_SCHEMA_VERSION, schema: JSON_SCHEMA_ID, ...h }, null, 1);
  // Reopen the object to append the streamed arrays after the header fields.
  return `${head.slice(0, -2)},\n "sessions": [\n`;
}
