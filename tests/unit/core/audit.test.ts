import Database from 'libsql';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../electron/core/access/actor.js';
import { canonicalJson } from '../../../electron/core/audit/canonical.js';
import type { AuditRowFields } from '../../../electron/core/audit/keyed.js';
import { AuditTrail } from '../../../electron/core/audit/trail.js';
import { openDatabase, type Db } from '../../../electron/core/storage/db.js';
import { TestClock } from '../../support/clock.js';
import { tempDir } from './access.fixture.js';

const alice: Actor = { userId: 1, username: 'alice', displayName: 'Alice Admin', role: 'admin' };

let dir: { dir: string; cleanup: () => void };
let file: string;
let db: Db;
let clock: TestClock;
let trail: AuditTrail;
let key: Uint8Array;

beforeEach(() => {
  dir = tempDir();
  file = join(dir.dir, 'station.db');
  db = openDatabase(file);
  clock = new TestClock();
  key = new Uint8Array(randomBytes(32));
  trail = new AuditTrail(db, clock, key);
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

function writeRows(n: number): void {
  for (let i = 1; i <= n; i++) {
    clock.advance(1000);
    trail.append({ actor: i % 2 ? alice : null, action: 'thing.update', entity: 'thing', entityId: i, oldValue: { n: i - 1 }, newValue: { n: i, nested: { b: 2, a: 1 } }, reason: `step ${i}` });
  }
}

/** A second connection, as a tamperer with the sqlite3 CLI would have. */
function tamper(sql: string): void {
  const raw = new Database(file);
  try {
    raw.exec(sql);
  } finally {
    raw.close();
  }
}

describe('audit trail', () => {
  it('records who, when, what, old and new value and reason, newest first', () => {
    writeRows(3);
    const page = trail.list();
    expect(page.entries.map((e) => e.id)).toEqual([3, 2, 1]);
    expect(page.entries[2]).toEqual({
      id: 1,
      at: new Date(Date.UTC(2025, 0, 15, 9, 0, 1)).toISOString(),
      userId: 1,
      username: 'alice',
      action: 'thing.update',
      entity: 'thing',
      entityId: '1',
      oldValue: { n: 0 },
      newValue: { n: 1, nested: { a: 1, b: 2 } },
      reason: 'step 1',
    });
    expect(page.entries[1]).toMatchObject({ userId: null, username: null });
    expect(trail.verify()).toEqual({ ok: true, rows: 3, problems: [] });
  });

  it('filters and pages', () => {
    writeRows(7);
    const first = trail.list({ entity: 'thing' }, { limit: 3 });
    expect(first.entries.map((e) => e.id)).toEqual([7, 6, 5]);
    const second = trail.list({ entity: 'thing' }, { limit: 3, beforeId: first.nextBeforeId ?? undefined });
    expect(second.entries.map((e) => e.id)).toEqual([4, 3, 2]);
    const third = trail.list({ entity: 'thing' }, { limit: 3, beforeId: second.nextBeforeId ?? undefined });
    expect(third).toEqual({ entries: [expect.objectContaining({ id: 1 })], nextBeforeId: null });
    expect(trail.list({ userId: 1 }).entries.map((e) => e.id)).toEqual([7, 5, 3, 1]);
    expect(trail.list({ entityId: '4' }).entries.map((e) => e.id)).toEqual([4]);
    const from = new Date(Date.UTC(2025, 0, 15, 9, 0, 2)).toISOString();
    const to = new Date(Date.UTC(2025, 0, 15, 9, 0, 4)).toISOString();
    expect(trail.list({ from, to }).entries.map((e) => e.id)).toEqual([4, 3, 2]);
    expect(trail.list({ entity: 'nothing' }).entries).toEqual([]);
  });

  it('never writes secrets into the values', () => {
    trail.append({ actor: alice, action: 'x', entity: 'x', entityId: null, newValue: { password: 'hunter2hunter2', passwordHash: 'scrypt$...', key: 'AAAA', keep: 'ok', mustChangePassword: true } });
    expect(trail.list().entries[0]?.newValue).toEqual({ password: '[redacted]', passwordHash: '[redacted]', key: '[redacted]', keep: 'ok', mustChangePassword: true });
    expect(JSON.stringify(db.prepare('SELECT * FROM audit_log').all())).not.toContain('hunter2');
  });

  it('rolls back with the transaction it is part of', () => {
    writeRows(2);
    expect(() =>
      db.transaction(() => {
        trail.append({ actor: alice, action: 'x', entity: 'x', entityId: 1 });
        throw new Error('the change failed');
      })(),
    ).toThrow('the change failed');
    expect(trail.verify()).toEqual({ ok: true, rows: 2, problems: [] });
    writeRows(1);
    expect(trail.verify()).toEqual({ ok: true, rows: 3, problems: [] });
  });

  it("blocks UPDATE and DELETE through the program's own connection", () => {
    writeRows(3);
    // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
    expect(() => db.prepare("UPDATE audit_log SET new_value = '{}' WHERE id = 2").run()).toThrow(/cannot be changed/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 3').run()).toThrow(/cannot be deleted/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/cannot be deleted/);
    expect(() => db.prepare('UPDATE audit_head SET row_count = 1 WHERE id = 1').run()).toThrow(/only moves forward/);
    expect(() => db.prepare('DELETE FROM audit_head').run()).toThrow(/cannot be deleted/);
    expect(() =>
      db.prepare("INSERT INTO audit_log (id, at, action, entity, prev_hash, hash) VALUES (10, 'now', 'x', 'x', 'a', 'b')").run(),
    ).toThrow(/appended in order/);
    expect(trail.verify()).toEqual({ ok: true, rows: 3, problems: [] });
  });

  it('names every edited row, every deleted row and a deleted tail after the triggers are dropped', () => {
    writeRows(10);
    tamper(`
      DROP TRIGGER audit_log_no_update;
      DROP TRIGGER audit_log_no_delete;
      UPDATE audit_log SET new_value = '{"n":300}' WHERE id = 3;
      DELETE FROM audit_log WHERE id = 5;
      DELETE FROM audit_log WHERE id IN (6, 7);
      DELETE FROM audit_log WHERE id >= 9;
    `);
    const result = trail.verify();
    expect(result.ok).toBe(false);
    expect(result.rows).toBe(5);
    expect(result.problems).toEqual([
      { rowId: 3, code: 'row-edited', problem: expect.stringMatching(/row 3 was edited/) },
      { rowId: 5, code: 'rows-missing', problem: expect.stringMatching(/rows 5-7 are missing/), params: { from: 5, to: 7 } },
      { rowId: 9, code: 'tail-missing', problem: expect.stringMatching(/rows 9-10 are missing \(deleted from the end\)/), params: { from: 9, to: 10 } },
    ]);
  });

  it('detects a row whose hash was recomputed after an edit (the chain breaks at the next row)', () => {
    writeRows(4);
    tamper(`
      DROP TRIGGER audit_log_no_update;
      UPDATE audit_log SET reason = 'innocent', hash = '${'a'.repeat(64)}' WHERE id = 2;
    `);
    const problems = trail.verify().problems;
    expect(problems.map((p) => [p.rowId, p.code])).toEqual([
      [2, 'row-edited'],
      [3, 'chain-broken'],
    ]);
    expect(problems[1]?.problem).toMatch(/does not follow from row 2/);
  });

  it('detects an edited last row and a rewound head', () => {
    writeRows(3);
    tamper(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET action = 'nothing.happened' WHERE id = 3;`);
    expect(trail.verify().problems).toEqual([{ rowId: 3, code: 'row-edited', problem: expect.stringMatching(/row 3 was edited/) }]);

    tamper(`DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_head_forward; DELETE FROM audit_log WHERE id = 3; UPDATE audit_head SET row_count = 2;`);
    // The head now claims 2 rows, but its hash is still the deleted row's, and its MAC is over 3 rows.
    expect(trail.verify().problems).toEqual([
      { rowId: 2, code: 'head-hash-mismatch', problem: expect.stringMatching(/does not match the audit head/) },
      { rowId: 2, code: 'head-rewritten', problem: expect.stringMatching(/not written with the audit key/) },
    ]);
  });

  it('an empty trail verifies', () => {
    expect(trail.verify()).toEqual({ ok: true, rows: 0, problems: [] });
  });
});

/** A row as stored: the fields the keyed hash covers. */
type RawRow = AuditRowFields;

/** What the chain was before it was keyed: SHA-256 over the previous hash and the row's fields. */
function plainHash(prev: string, r: RawRow): string {
  const fields = { id: r.id, at: r.at, userId: r.user_id, username: r.username, action: r.action, entity: r.entity, entityId: r.entity_id, oldValue: r.old_value, newValue: r.new_value, reason: r.reason };
  return createHash('sha256').update(prev).update(canonicalJson(fields)).digest('hex');
}

describe('the keyed chain', () => {
  it('a rewrite that recomputes every plain SHA-256 hash and the head is still caught', () => {
    writeRows(5);
    // The attacker has the database file (and this code), not the settings file with the key.
    const raw = new Database(file);
    try {
      raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_head_forward;');
      raw.prepare("UPDATE audit_log SET new_value = ?, reason = 'innocent' WHERE id = 3").run('{"n":0}');
      let prev = '0'.repeat(64);
      const rows = raw.prepare('SELECT * FROM audit_log ORDER BY id').all() as RawRow[];
      for (const r of rows) {
        const hash = plainHash(prev, r);
        raw.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
        prev = hash;
      }
      raw.prepare('UPDATE audit_head SET last_hash = ? WHERE id = 1').run(prev);
    } finally {
      raw.close();
    }
    const result = trail.verify();
    expect(result.ok).toBe(false);
    expect(result.rows).toBe(5);
    // No rehashed row passes the keyed check, and the head's MAC no longer matches: one finding, that
    // nothing here was written with the station's key.
    expect(result.problems).toEqual([{ rowId: 1, code: 'key-mismatch', problem: expect.stringMatching(/none of the 5 audit rows verifies/), params: { rows: 5 } }]);
  });

  it('verifies only with the key it was written with', () => {
    writeRows(3);
    expect(trail.verify().ok).toBe(true);
    const other = new AuditTrail(db, clock, new Uint8Array(randomBytes(32)));
    expect(other.verify().problems.map((p) => p.code)).toEqual(['key-mismatch']);
    expect(new AuditTrail(db, clock, key).verify()).toEqual({ ok: true, rows: 3, problems: [] });
  });

  it('refuses to run without a key, or with a short one', () => {
    // A missing key is a caller's bug caught by a plain Error (no code).
    expect(() => new AuditTrail(db, clock, undefined as unknown as Uint8Array)).toThrow(/audit key/);
    expect(() => new AuditTrail(db, clock, new Uint8Array(16))).toThrow(/audit key/);
  });
});
