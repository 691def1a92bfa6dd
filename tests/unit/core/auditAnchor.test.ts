// The anchored audit trail: a keyed head, a checkpoint in the key store, and reconciliation with the
// records that each have their audit row. Each tamper case is done the way someone holding the
// database file (not the key store) would do it: a second connection, triggers dropped.
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'libsql';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../../electron/core/access/actor.js';
import { memoryCheckpoints } from '../../../electron/core/audit/checkpoint.js';
import { AuditTrail } from '../../../electron/core/audit/trail.js';
import { reconcileLedger } from '../../../electron/core/ledger/reconcile.js';
import { reconcileSignatures } from '../../../electron/core/sessions/signatureReconcile.js';
import { openDatabase, type Db } from '../../../electron/core/storage/db.js';
import { TestClock } from '../../support/clock.js';
import { tempDir } from './access.fixture.js';
import { CLINICIAN, armIn, makeHarness, toMesotherapy, type Harness } from './sessionsHarness.js';

const alice: Actor = { userId: 1, username: 'alice', displayName: 'Alice Admin', role: 'admin' };

let dir: { dir: string; cleanup: () => void };
let file: string;
let db: Db;
let clock: TestClock;
let key: Buffer;
let checkpoints: ReturnType<typeof memoryCheckpoints>;
let trail: AuditTrail;

function open(): void {
  db = openDatabase(file);
  trail = new AuditTrail(db, clock, key, { checkpoints });
}
beforeEach(() => {
  dir = tempDir();
  file = join(dir.dir, 'station.db');
  clock = new TestClock();
  key = randomBytes(32);
  checkpoints = memoryCheckpoints();
  open();
});
afterEach(() => {
  trail.close();
  if (db.open) db.close();
  dir.cleanup();
});

function writeRows(n: number): void {
  for (let i = 0; i < n; i++) {
    clock.advance(1000);
    trail.append({ actor: alice, action: 'thing.update', entity: 'thing', entityId: i, newValue: { i } });
  }
}

function tamper(sql: string): void {
  const raw = new Database(file);
  try {
    raw.exec(sql);
  } finally {
    raw.close();
  }
}

const codes = () => trail.verify().problems.map((p) => p.code);

describe('the keyed head', () => {
  it('a truncated tail with a rewritten head (count and last hash consistent) is caught by the head MAC', () => {
    writeRows(10);
    const hash8 = (db.prepare('SELECT hash FROM audit_log WHERE id = 8').get() as { hash: string }).hash;
    tamper(`
      DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_head_forward;
      DELETE FROM audit_log WHERE id > 8;
      UPDATE audit_head SET row_count = 8, last_hash = '${hash8}';
    `);
    // Every remaining row and link is intact; only the head's MAC tells.
    expect(trail.verify().problems).toEqual([{ rowId: 8, code: 'head-rewritten', problem: expect.stringMatching(/rows were cut from the end and the head rewritten/) }]);
  });

  it('a head stripped of its MAC is reported', () => {
    writeRows(3);
    tamper(`DROP TRIGGER audit_head_forward; UPDATE audit_head SET head_mac = NULL;`);
    expect(codes()).toEqual(['head-unkeyed']);
    // The station keys it again only through an audited row (as for a head from before heads were keyed).
    expect(trail.keyHeadIfUnkeyed()).toBe(true);
    expect(codes()).toEqual([]);
    expect(trail.list({ action: 'audit.head-keyed' }).entries).toHaveLength(1);
  });

  it('an edited row, a deleted row, still found', () => {
    writeRows(6);
    tamper(`DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; UPDATE audit_log SET reason = 'x' WHERE id = 2; DELETE FROM audit_log WHERE id = 4;`);
    expect(codes()).toEqual(['row-edited', 'rows-missing']);
  });
});

describe('the checkpoint in the key store', () => {
  it('is written shortly after an append, off the commit path, and on close', async () => {
    trail.close();
    db.close();
    db = openDatabase(file);
    trail = new AuditTrail(db, clock, key, { checkpoints, checkpointDelayMs: 5 });
    const before = checkpoints.value?.rows ?? 0;
    writeRows(2);
    expect(checkpoints.value?.rows ?? 0).toBe(before);
    await vi.waitFor(() => expect(checkpoints.value?.rows).toBe(2));
    writeRows(1);
    trail.close();
    expect(checkpoints.value?.rows).toBe(3);
  });

  it('the whole database rolled back to an older copy: the checkpoint is newer', () => {
    writeRows(5);
    trail.checkpoint();
    trail.close();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    copyFileSync(file, `${file}.old`);
    open();
    writeRows(4);
    trail.checkpoint();
    expect(checkpoints.value?.rows).toBe(9);
    trail.close();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    for (const s of ['-wal', '-shm']) rmSync(file + s, { force: true });
    copyFileSync(`${file}.old`, file);
    open();
    // The old copy is a perfectly good trail on its own: chain, head and head MAC all verify.
    const v = trail.verify();
    expect(v.problems).toEqual([
      {
        rowId: 5,
        code: 'rolled-back',
        problem: expect.stringMatching(/holds 5 audit rows, but on .* it held 9: it was rolled back/),
        params: { databaseRows: 5, checkpointRows: 9, checkpointAt: checkpoints.value!.at },
      },
    ]);
    // The checkpoint never moves backwards: the evidence stays, also after new rows.
    trail.checkpoint();
    writeRows(5);
    trail.checkpoint();
    expect(checkpoints.value?.rows).toBe(9);
    expect(codes()).toEqual(['checkpoint-mismatch']);
  });

  it('another database with as many rows (another history) does not match the checkpoint', () => {
    writeRows(3);
    trail.checkpoint();
    trail.close();
    db.close();
    rmSync(file);
    for (const s of ['-wal', '-shm']) rmSync(file + s, { force: true });
    open();
    writeRows(3);
    expect(codes()).toEqual(['checkpoint-mismatch']);
  });

  it('a replaced key: no row, no head and no checkpoint verifies', () => {
    writeRows(4);
    trail.checkpoint();
    trail.close();
    trail = new AuditTrail(db, clock, randomBytes(32), { checkpoints });
    expect(codes()).toEqual(['key-mismatch', 'checkpoint-invalid']);
  });

  it('goes into an export manifest as the head, MAC included', () => {
    writeRows(2);
    const c = trail.checkpoint();
    expect(c).toEqual({ rows: 2, lastHash: expect.stringMatching(/^[0-9a-f]{64}$/), headMac: expect.stringMatching(/^[0-9a-f]{64}$/), at: expect.any(String), mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(checkpoints.value).toEqual(c);
  });
});

describe('verify() reconciles the dose ledger and the signatures with their audit rows', () => {
  let h: Harness;
  let sessionId: number;
  beforeEach(async () => {
    h = await makeHarness();
    h.audit.addReconciler(reconcileLedger);
    h.audit.addReconciler(reconcileSignatures);
    sessionId = await toMesotherapy(h);
    await armIn(h, sessionId, 'vertex');
    await h.gun.fire(3);
    await h.service.disarm(CLINICIAN, { sessionId });
    await h.service.closing(CLINICIAN, { sessionId, oilSerumApplied: true, aftercareGiven: true });
    await h.service.sign(CLINICIAN, { sessionId, password: 'ana-pass-1', reviewedBy: { username: 'ben', password: 'ben-pass-1' } });
  });
  afterEach(() => h.close());

  const raw = (sql: string) => {
    const c = new Database(h.file);
    try {
      c.exec(sql);
    } finally {
      c.close();
    }
  };
  const found = () => h.audit.verify().problems.map((p) => [p.code, p.params ?? {}]);

  it('a genuine session reconciles', () => {
    expect(h.audit.verify()).toMatchObject({ ok: true, problems: [] });
  });

  it('a dose volume edited in the ledger', () => {
    raw('DROP TRIGGER dose_records_no_update; UPDATE dose_records SET delivered_nl = 1 WHERE id = 2;');
    expect(found()).toEqual([['dose-audit-mismatch', { doseRowId: 2 }]]);
  });

  it('a dose moved to another zone', () => {
    raw("DROP TRIGGER dose_records_no_update; UPDATE dose_records SET zone = 'frontal' WHERE id = 1;");
    expect(found()).toEqual([['dose-audit-mismatch', { doseRowId: 1 }]]);
  });

  it('a dose inserted and a dose deleted behind the program', () => {
    raw(`DROP TRIGGER dose_records_no_delete; DELETE FROM dose_records WHERE id = 3;
         INSERT INTO dose_records (id, gun_serial, record_id, session_id, zone, gun_started_at_ms, gun_ended_at_ms, received_at_ms, committed_at_ms, commanded_nl, delivered_nl, depth_um, entry_pct, dwell_pct, exit_pct, mode, record_crc)
         SELECT 100, gun_serial, 999, session_id, zone, gun_started_at_ms, gun_ended_at_ms, received_at_ms, committed_at_ms, commanded_nl, delivered_nl, depth_um, entry_pct, dwell_pct, exit_pct, mode, record_crc FROM dose_records WHERE id = 1;`);
    expect(found().sort()).toEqual([
      ['dose-audit-orphan', { doseRowId: '3' }],
      ['dose-unaudited', { doseRowId: 100 }],
    ]);
  });

  it('a signature removed, or re-attributed to another person', () => {
    raw("DROP TRIGGER session_signatures_no_update; UPDATE session_signatures SET username = 'mallory' WHERE meaning = 'reviewed';");
    expect(found()).toEqual([['signature-audit-mismatch', { sessionId, signatureId: expect.any(Number) }]]);
    raw("DROP TRIGGER session_signatures_no_delete; DELETE FROM session_signatures WHERE meaning = 'performed';");
    expect(found().map(([c]) => c).sort()).toEqual(['signature-audit-mismatch', 'signature-audit-orphan']);
  });
});
