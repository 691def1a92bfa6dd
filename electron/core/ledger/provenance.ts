// Re-verifying stored dose records against the gun's MAC (gun protocol v3, PROTOCOL.md "Dose
// records"): every row keeps the MAC the gun sent, the fingerprint of the link key it was checked
// against, and whether it verified on arrival. This re-computes each MAC from the stored fields with
// the gun's key from the key store, and names every record that is not authenticated, saying why.
import type { GunKeyStore } from '../../../device/link/index.js';
import {
  doseRecordMacValid,
  linkKeyId,
  recordedModeCode,
  recordKey,
  reportedFaultCode,
  type DoseRecordFields,
} from '../../../device/protocol/index.js';
import type { DoseVerification, DoseVerificationProblem } from '../../contract/audit.js';
import type { Db } from '../storage/db.js';

interface Row {
  id: number;
  gun_serial: string;
  record_id: number;
  commanded_nl: number;
  delivered_nl: number;
  depth_um: number;
  entry_pct: number;
  dwell_pct: number;
  exit_pct: number;
  mode: string;
  gun_started_at_ms: number;
  gun_ended_at_ms: number;
  fault: string | null;
  record_mac: Uint8Array | null;
  record_key_id: string | null;
  authenticated: number;
}

/** The record's fields as the gun MAC'd them, or null when a stored code cannot be read back. */
function wireFields(r: Row): DoseRecordFields | null {
  const mode = recordedModeCode(r.mode);
  const fault = r.fault === null ? 0 : reportedFaultCode(r.fault);
  if (mode === undefined || fault === undefined) return null;
  return {
    recordId: r.record_id,
    commandedNl: r.commanded_nl,
    deliveredNl: r.delivered_nl,
    depthUm: r.depth_um,
    entryPct: r.entry_pct,
    dwellPct: r.dwell_pct,
    exitPct: r.exit_pct,
    mode,
    startedAtMs: r.gun_started_at_ms,
    endedAtMs: r.gun_ended_at_ms,
    fault,
  };
}

/** Why a row is not authenticated, or null when its MAC verifies now under the gun's current key. */
function problemOf(r: Row, keyFor: (serial: string) => { id: string; recordKey: Uint8Array } | null): DoseVerificationProblem | null {
  if (!r.record_mac) return 'no-mac';
  if (r.authenticated !== 1) return 'failed-on-arrival';
  const key = keyFor(r.gun_serial);
  if (!key) return 'key-not-held';
  if (key.id !== r.record_key_id) return 'key-replaced';
  const fields = wireFields(r);
  if (!fields || !doseRecordMacValid(key.recordKey, fields, new Uint8Array(r.record_mac))) return 'mac-mismatch';
  return null;
}

export function verifyDoseRecords(db: Db, keys: Pick<GunKeyStore, 'get'>): DoseVerification {
  const byGun = new Map<string, { id: string; recordKey: Uint8Array } | null>();
  const keyFor = (serial: string) => {
    if (!byGun.has(serial)) {
      const key = keys.get(serial);
      byGun.set(serial, key ? { id: linkKeyId(key), recordKey: recordKey(key, serial) } : null);
    }
    return byGun.get(serial)!;
  };
  const out: DoseVerification = { ok: true, records: 0, authenticated: 0, problems: [] };
  const rows = db
    .prepare(
      `SELECT id, gun_serial, record_id, commanded_nl, delivered_nl, depth_um, entry_pct, dwell_pct, exit_pct, mode,
              gun_started_at_ms, gun_ended_at_ms, fault, record_mac, record_key_id, authenticated
       FROM dose_records ORDER BY id`,
    )
    .iterate() as IterableIterator<Row>;
  for (const r of rows) {
    out.records++;
    const problem = problemOf(r, keyFor);
    if (problem === null) out.authenticated++;
    else out.problems.push({ rowId: r.id, gunSerial: r.gun_serial, recordId: r.record_id, problem });
  }
  out.ok = out.problems.length === 0;
  return out;
}
