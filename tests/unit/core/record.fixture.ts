// A station's clinical record over a temp database (patients, consents, plans, courses, serum) with
// a recording audit sink, a clock the test moves, and signers whose passwords the test knows; plus
// a way to put past sessions (signed, aborted, with or without doses) on the record directly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor } from '../../../electron/core/access/actor.js';
import { CoreError } from '../../../electron/core/errors.js';
import type { AuditAppend, AuditPort } from '../../../electron/core/audit/port.js';
import { createClinicalRecordServices, type ClinicalRecordServices } from '../../../electron/core/patients/clinicalRecords.js';
import type { SignerPort } from '../../../electron/core/patients/signers.js';
import { openDatabase, type Db } from '../../../electron/core/storage/db.js';
import { TestClock } from '../../support/clock.js';

export const ADMIN: Actor = { userId: 1, username: 'alice', displayName: 'Alice Admin', role: 'admin' };
export const CLINICIAN: Actor = { userId: 2, username: 'carl', displayName: 'Carl Clinician', role: 'clinician' };
export const NURSE: Actor = { userId: 3, username: 'nuria', displayName: 'Nuria Nurse', role: 'clinician' };
const PASSWORDS: Record<string, string> = { alice: 'alice-pass', carl: 'carl-pass', nuria: 'nuria-pass' };

export class FakeAudit implements AuditPort {
  entries: AuditAppend[] = [];
  append(e: AuditAppend): void {
    this.entries.push(structuredClone(e));
  }
}

export const FAKE_SIGNERS: SignerPort = {
  async authenticate(username, password) {
    const a = [ADMIN, CLINICIAN, NURSE].find((x) => x.username === username);
    if (!a || PASSWORDS[username] !== password) throw new CoreError('unauthenticated', { code: 'auth.wrong-credentials' }, 'wrong user name or password', 'password');
    return a;
  },
  async verify(actor, password) {
    if (PASSWORDS[actor.username] !== password) throw new CoreError('unauthenticated', { code: 'auth.signature-not-applied' }, 'wrong password: the signature was not applied', 'password');
    return { ok: true };
  },
};

export const PASSWORD_OF = PASSWORDS;

export interface RecordFixture extends ClinicalRecordServices {
  db: Db;
  audit: FakeAudit;
  /** Epoch ms the services read as now; set it to move the station's calendar. */
  clock: TestClock;
  close(): void;
}

export function makeRecord(startMs = Date.UTC(2026, 8, 30, 12, 0, 0)): RecordFixture {
  const dir = mkdtempSync(join(tmpdir(), 'meso-record-'));
  const db = openDatabase(join(dir, 'station.db'));
  const audit = new FakeAudit();
  const clock = new TestClock(startMs);
  const services = createClinicalRecordServices({ db, audit, clock, signers: FAKE_SIGNERS });
  return {
    ...services,
    db,
    audit,
    clock,
    close: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Noon UTC of a calendar day (the station's local day in these tests is the same in any zone within ±11 h). */
export const noonOf = (iso: string) => Date.parse(`${iso}T12:00:00Z`);

let nextRecordId = 1;

/**
 * A past session on the record: its status, day, serum version and course, and the doses it
 * delivered per zone (each one a dose record of the ledger).
 */
export function pastSession(
  db: Db,
  s: { patientId: number; day: string; status: 'signed' | 'aborted' | 'in_progress'; serumVersionId: number | null; courseId?: number | null; doses?: Partial<Record<string, number>> },
): number {
  const at = noonOf(s.day);
  const id = Number(
    db
      .prepare(
        `INSERT INTO clinical_sessions (patient_id, course_id, clinician_user_id, clinician_username, clinician_display_name, status, phase, step, started_at, updated_at, ended_at, serum_version_id, lot_number, machine_version, snapshot)
         VALUES (?, ?, 2, 'carl', 'Carl Clinician', 'in_progress', 'mesotherapy', '', ?, ?, NULL, ?, 'LOT-1', 1, ?)`,
      )
      .run(s.patientId, s.courseId ?? null, at, at, s.serumVersionId, JSON.stringify({ context: { serum: { name: 'serum' } } })).lastInsertRowid,
  );
  for (const [zone, nl] of Object.entries(s.doses ?? {})) {
    const recordId = nextRecordId++;
    db.prepare(
      `INSERT INTO dose_records (gun_serial, record_id, session_id, zone, serum_version_id, lot_number, clinician_user_id, gun_started_at_ms, gun_ended_at_ms, received_at_ms, committed_at_ms,
         commanded_nl, delivered_nl, depth_um, entry_pct, dwell_pct, exit_pct, mode, record_crc)
       VALUES ('G-1', ?, ?, ?, ?, 'LOT-1', 2, ?, ?, ?, ?, ?, ?, 2000, 0, 100, 0, 'papule', 0)`,
    ).run(recordId, id, zone, s.serumVersionId, at, at + 300, at + 310, at + 320, nl, nl);
  }
  if (s.status !== 'in_progress') db.prepare('UPDATE clinical_sessions SET status = ?, phase = ?, ended_at = ? WHERE id = ?').run(s.status, s.status, at + 3_600_000, id);
  return id;
}

export const CLEAR_SCREENING = { pregnancy: false, breastfeeding: false, immunologicalDisease: false, activeCancer: false, diabetes: false, anaestheticAllergy: false, other: false };

export const SIGNATURE = { kind: 'drawn' as const, width: 480, height: 160, strokes: [[[20, 80], [60, 40], [100, 90], [140, 50], [180, 85]] as [number, number][]] };
