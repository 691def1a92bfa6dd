// Core benchmark: one dose record committed the way the link commits it (its own transaction, with
// the attribution from the armed window and its audit row, on a WAL file with synchronous=FULL,
// encrypted at rest as the station runs it, with the audit checkpoint going to a key folder), against
//   - a bare single-row insert into an encrypted file opened the same way: core.dose_commit_p99_ms
//     within 2x of core.baseline_insert_p99_ms;
//   - the same dose commit on a plain (unencrypted) station database: the price of encryption,
//     core.encryption_overhead_p50_ratio within 1.3x.
// All three are measured in the same run and interleaved, so they see the same disk.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyStoreCheckpoints } from '../../electron/core/audit/checkpoint.js';
import { openKeyVault } from '../../electron/core/keys/fileVault.js';
import { plainSealer } from '../../electron/core/keys/sealers.js';
import type { DoseRecord } from '../../device/link/index.js';
import { DOSE_MODES, doseRecordCrc, doseRecordMac, linkKeyId, recordKey, type DoseRecordFields } from '../../device/protocol/index.js';
import { AuditTrail } from '../../electron/core/audit/trail.js';
import { systemClock } from '../../electron/core/clock.js';
import { EventBus } from '../../electron/core/bus.js';
import { Ledger } from '../../electron/core/ledger/ledger.js';
import { ArmWindows } from '../../electron/core/sessions/armWindows.js';
import { insertSession } from '../../electron/core/sessions/repo.js';
import { connect, databaseKeyFrom, openDatabase, type DatabaseKey, type Db } from '../../electron/core/storage/db.js';

const N = 1000;
const WARMUP = 30;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

const LINK_KEY = new Uint8Array(32).fill(11);
const KEY_ID = linkKeyId(LINK_KEY);
const RECORD_KEY_MAC = (f: DoseRecordFields) => doseRecordMac(recordKey(LINK_KEY, 'BENCH-1'), f);

function record(recordId: number): DoseRecord {
  const t = Date.now();
  const f = { recordId, commandedNl: 20_000, deliveredNl: 19_800, depthUm: 2_000, entryPct: 0, dwellPct: 100, exitPct: 0, mode: DOSE_MODES.papule, startedAtMs: t, endedAtMs: t + 300, fault: 0 };
  return { gunSerial: 'BENCH-1', ...f, mode: 'papule', fault: null, recordCrc: doseRecordCrc(f), recordMac: RECORD_KEY_MAC(f), keyId: KEY_ID, authenticated: true, receivedAtMs: t + 310 };
}

/** A station database with a session armed in one zone, so every record takes the attributed path. */
function armedStation(file: string, key: DatabaseKey | undefined, keyDir: string | null): { db: Db; ledger: Ledger; audit: AuditTrail; sessionId: number } {
  const db = openDatabase(file, key);
  const checkpoints = keyDir ? keyStoreCheckpoints(openKeyVault({ dir: keyDir, sealer: plainSealer }).forDataDir(join(file, '..'))) : undefined;
  const audit = new AuditTrail(db, systemClock, new Uint8Array(randomBytes(32)), { checkpoints });
  const ledger = new Ledger(db, audit, systemClock, new EventBus());
  const windows = new ArmWindows(db);
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
  return { db, ledger, audit, sessionId };
}

async function timed(fn: () => unknown): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export async function runCoreBench(): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), 'core-bench-'));
  try {
    const { mkdirSync } = await import('node:fs');
    for (const d of ['enc', 'plain', 'base']) mkdirSync(join(dir, d));
    const key = databaseKeyFrom(randomBytes(32));
    const enc = armedStation(join(dir, 'enc', 'station.db'), key, join(dir, 'keys'));
    const plain = armedStation(join(dir, 'plain', 'station.db'), undefined, null);

    const base = connect(join(dir, 'base', 'baseline.db'), databaseKeyFrom(randomBytes(32)));
    base.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, gun_serial TEXT NOT NULL, record_id INTEGER NOT NULL, delivered_nl INTEGER NOT NULL, UNIQUE (gun_serial, record_id))');
    const insert = base.prepare('INSERT INTO t (gun_serial, record_id, delivered_nl) VALUES (?, ?, ?)');

    const commitMs: number[] = [];
    const plainMs: number[] = [];
    const baseMs: number[] = [];
    for (let i = 1; i <= N + WARMUP; i++) {
      const r = record(i);
      const b = await timed(() => insert.run(r.gunSerial, r.recordId, r.deliveredNl));
      let fresh = 0;
      const c = await timed(async () => (fresh = (await enc.ledger.commit([r])).length));
      if (fresh !== 1) throw new Error(`record ${i} was not committed (encrypted)`);
      const p = await timed(async () => (fresh = (await plain.ledger.commit([record(i)])).length));
      if (fresh !== 1) throw new Error(`record ${i} was not committed (plain)`);
      if (i > WARMUP) {
        baseMs.push(b);
        commitMs.push(c);
        plainMs.push(p);
      }
    }
    for (const s of [enc, plain]) {
      const attributed = (s.db.prepare('SELECT COUNT(*) AS n FROM dose_records WHERE session_id = ?').get(s.sessionId) as { n: number }).n;
      if (attributed !== N + WARMUP) throw new Error(`only ${attributed} records attributed`);
      if (!s.audit.verify().ok) throw new Error('the audit trail does not verify after the run');
      s.audit.close();
      s.db.close();
    }
    base.close();
    const round = (x: number) => Math.round(x * 1000) / 1000;
    const c99 = percentile(commitMs, 99);
    const b99 = percentile(baseMs, 99);
    const c50 = percentile(commitMs, 50);
    const p50 = percentile(plainMs, 50);
    return {
      'core.dose_commit_p99_ms': round(c99),
      'core.baseline_insert_p99_ms': round(b99),
      'core.dose_commit_p99_ratio': round(c99 / b99),
      'core.dose_commit_p50_ms': round(c50),
      'core.baseline_insert_p50_ms': round(percentile(baseMs, 50)),
      'core.dose_commit_plain_p50_ms': round(p50),
      'core.dose_commit_plain_p99_ms': round(percentile(plainMs, 99)),
      'core.encryption_overhead_p50_ratio': round(c50 / p50),
      'core.encryption_overhead_p99_ratio': round(c99 / percentile(plainMs, 99)),
      'core.samples': N,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
