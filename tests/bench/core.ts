// Core benchmark: one dose record committed the way the link commits it (its own transaction, with
// the attribution from the armed window and its audit row, on a WAL file with synchronous=FULL),
// against a bare single-row insert into a file opened the same way, measured in the same run and
// interleaved so both see the same disk. Goal: the dose commit p99 within 2x the baseline's.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'libsql';
import type { DoseRecord } from '../../device/link/types.js';
import { DOSE_MODES, doseRecordCrc } from '../../device/protocol/index.js';
import { AuditTrail } from '../../electron/core/audit/trail.js';
import { systemClock } from '../../electron/core/clock.js';
import { Ledger } from '../../electron/core/ledger/ledger.js';
import { ArmWindows } from '../../electron/core/sessions/armWindows.js';
import { insertSession } from '../../electron/core/sessions/repo.js';
import { openDatabase } from '../../electron/core/storage/db.js';

const N = 1000;
const WARMUP = 30;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

function record(recordId: number): DoseRecord {
  const t = Date.now();
  const f = { recordId, commandedNl: 20_000, deliveredNl: 19_800, depthUm: 2_000, entryPct: 0, dwellPct: 100, exitPct: 0, mode: DOSE_MODES.papule, startedAtMs: t, endedAtMs: t + 300, fault: 0 };
  return { gunSerial: 'BENCH-1', ...f, mode: 'papule', fault: null, recordCrc: doseRecordCrc(f), receivedAtMs: t + 310 };
}

export async function runCoreBench(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'core-bench-'));
  try {
    const db = openDatabase(join(dir, 'station.db'));
    const audit = new AuditTrail(db, systemClock, new Uint8Array(randomBytes(32)));
    const ledger = new Ledger(db, audit, systemClock);
    const windows = new ArmWindows(db);
    // A session armed in one zone, so every record takes the attributed path.
    const sessionId = insertSession(db, {
      patientId: 1,
      courseId: null,
      clinician: { userId: 1, username: 'bench', displayName: 'Bench' },
      at: Date.now(),
      snapshot: { machineVersion: 1, json: '{}' },
      phase: 'mesotherapy',
      step: 'armed',
    });
    windows.load({ sessionId, serumVersionId: 1, lotId: 1, lotNumber: 'LOT-B', clinician: { userId: 1, username: 'bench', displayName: 'Bench', role: 'clinician' } });
    windows.open({ zone: 'vertex', gunSerial: 'BENCH-1', afterRecordId: 0, armedGunTimeMs: Date.now() - 1000, at: Date.now() });
    ledger.setAttributionSource(windows);

    const base = new Database(join(dir, 'baseline.db'));
    base.pragma('journal_mode = WAL');
    base.pragma('synchronous = FULL');
    base.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, gun_serial TEXT NOT NULL, record_id INTEGER NOT NULL, delivered_nl INTEGER NOT NULL, UNIQUE (gun_serial, record_id))');
    const insert = base.prepare('INSERT INTO t (gun_serial, record_id, delivered_nl) VALUES (?, ?, ?)');

    const commitMs: number[] = [];
    const baseMs: number[] = [];
    for (let i = 1; i <= N + WARMUP; i++) {
      const r = record(i);
      let t0 = process.hrtime.bigint();
      insert.run(r.gunSerial, r.recordId, r.deliveredNl);
      const b = Number(process.hrtime.bigint() - t0) / 1e6;
      t0 = process.hrtime.bigint();
      const fresh = await ledger.commit([r]);
      const c = Number(process.hrtime.bigint() - t0) / 1e6;
      if (fresh.length !== 1) throw new Error(`record ${i} was not committed`);
      if (i > WARMUP) {
        baseMs.push(b);
        commitMs.push(c);
      }
    }
    const attributed = (db.prepare('SELECT COUNT(*) AS n FROM dose_records WHERE session_id = ?').get(sessionId) as { n: number }).n;
    if (attributed !== N + WARMUP) throw new Error(`only ${attributed} records attributed`);
    base.close();
    db.close();
    const round = (x: number) => Math.round(x * 1000) / 1000;
    const c99 = percentile(commitMs, 99);
    const b99 = percentile(baseMs, 99);
    return {
      'core.dose_commit_p99_ms': round(c99),
      'core.baseline_insert_p99_ms': round(b99),
      'core.dose_commit_p50_ms': round(percentile(commitMs, 50)),
      'core.baseline_insert_p50_ms': round(percentile(baseMs, 50)),
      'core.dose_commit_p99_ratio': round(c99 / b99),
      'core.samples': N,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
