// Dose records with provenance: the ledger keeps each record's MAC (migration 310), and its verify
// re-checks every stored record with the gun's key and names each one that is not authenticated.
import Database from 'libsql';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryKeyStore, type DoseRecord } from '../../../device/link/index.js';
import { doseRecordMac, linkKeyId, recordKey } from '../../../device/protocol/index.js';
import { verifyDoseRecords } from '../../../electron/core/ledger/provenance.js';
import { migrate } from '../../../electron/core/storage/migrate.js';
import { MIGRATIONS } from '../../../electron/core/storage/migrations/index.js';
import { tempDir } from './access.fixture.js';
import { GUN_LINK_KEY, makeHarness, type Harness } from './sessionsHarness.js';

let h: Harness | undefined;
const dirs: { cleanup: () => void }[] = [];
afterEach(() => {
  h?.close();
  h = undefined;
  for (const d of dirs.splice(0)) d.cleanup();
});

function rec(h: Harness, recordId: number, over: Partial<DoseRecord> = {}): DoseRecord {
  h.gun.profile ??= { doseNl: 20_000, entryPct: 0, dwellPct: 100, exitPct: 0, depthUm: 2_000, mode: 'papule', minIntervalMs: 500 };
  h.gun.lastRecordId = recordId - 1;
  return { ...h.gun.makeRecord(), ...over };
}

function keysWith(key: Uint8Array | null): MemoryKeyStore {
  const keys = new MemoryKeyStore();
  if (key) keys.set('MG-0001', key);
  return keys;
}

describe('the ledger keeps each record\'s provenance', () => {
  it('stores the MAC, the key id and whether it verified, and verify finds every record authenticated', async () => {
    h = await makeHarness();
    const batch = [rec(h, 1), rec(h, 2), rec(h, 3)];
    await h.ledger.commit(batch);
    const row = h.db.prepare('SELECT record_mac, record_key_id, authenticated FROM dose_records WHERE record_id = 2').get() as {
      record_mac: Uint8Array;
      record_key_id: string;
      authenticated: number;
    };
    expect(new Uint8Array(row.record_mac)).toEqual(batch[1]!.recordMac);
    expect(row.record_key_id).toBe(linkKeyId(GUN_LINK_KEY));
    expect(row.authenticated).toBe(1);
    expect(verifyDoseRecords(h.db, keysWith(GUN_LINK_KEY))).toEqual({ ok: true, records: 3, authenticated: 3, problems: [] });
  });

  it('names each record that is not authenticated, with the reason', async () => {
    h = await makeHarness();
    await h.ledger.commit([rec(h, 1), rec(h, 2, { authenticated: false }), rec(h, 3), rec(h, 4)]);
    // A row changed behind the station's back (its no-update trigger dropped): the MAC no longer matches.
    h.db.exec('DROP TRIGGER dose_records_no_update');
    h.db.prepare('UPDATE dose_records SET delivered_nl = delivered_nl - 5000 WHERE record_id = 3').run();
    // A row from before the authenticated link (protocol v2): no MAC at all.
    h.db.prepare('UPDATE dose_records SET record_mac = NULL, authenticated = 0 WHERE record_id = 4').run();
    const v = verifyDoseRecords(h.db, keysWith(GUN_LINK_KEY));
    expect(v.ok).toBe(false);
    expect(v.authenticated).toBe(1);
    expect(v.problems.map((p) => [p.recordId, p.problem])).toEqual([
      [2, 'failed-on-arrival'],
      [3, 'mac-mismatch'],
      [4, 'no-mac'],
    ]);
    expect(v.problems[0]).toMatchObject({ gunSerial: 'MG-0001', rowId: expect.any(Number) });
  });

  it('says when it cannot check: the gun is no longer paired, or was paired again since', async () => {
    h = await makeHarness();
    await h.ledger.commit([rec(h, 1)]);
    expect(verifyDoseRecords(h.db, keysWith(null)).problems).toEqual([expect.objectContaining({ recordId: 1, problem: 'key-not-held' })]);
    expect(verifyDoseRecords(h.db, keysWith(new Uint8Array(32).fill(99))).problems).toEqual([expect.objectContaining({ recordId: 1, problem: 'key-replaced' })]);
  });

  it('keeps a record with an unknown fault code as "unknown (code N)", and its MAC still verifies from the stored text', async () => {
    h = await makeHarness();
    const base = rec(h, 1);
    const fields = { ...base, mode: 7, fault: 42 };
    const { gunSerial: _g, recordCrc: _c, recordMac: _m, keyId: _k, authenticated: _a, receivedAtMs: _r, ...wire } = fields;
    const mac = doseRecordMac(recordKey(GUN_LINK_KEY, 'MG-0001'), wire);
    await h.ledger.commit([{ ...base, mode: 'unknown (code 7)', fault: 'unknown (code 42)', recordMac: mac }]);
    const row = h.db.prepare('SELECT mode, fault FROM dose_records WHERE record_id = 1').get();
    expect(row).toMatchObject({ mode: 'unknown (code 7)', fault: 'unknown (code 42)' });
    expect(verifyDoseRecords(h.db, keysWith(GUN_LINK_KEY))).toMatchObject({ ok: true, authenticated: 1 });
  });
});

describe('migration 310 dose provenance', () => {
  it('adds the columns to a ledger that already holds records, which stay unauthenticated (no MAC)', () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = new Database(join(dir.dir, 'station.db'));
    try {
      migrate(db, MIGRATIONS.filter((m) => m.id < 310));
      db.exec(`INSERT INTO dose_records (gun_serial, record_id, unattributed_reason, gun_started_at_ms, gun_ended_at_ms, received_at_ms, committed_at_ms,
                 commanded_nl, delivered_nl, depth_um, entry_pct, dwell_pct, exit_pct, mode, fault, record_crc)
               VALUES ('MG-0001', 1, 'no session', 1, 2, 3, 4, 20000, 19000, 2000, 0, 100, 0, 'papule', NULL, 0)`);
      expect(migrate(db, MIGRATIONS)).toContain(310);
      expect(db.prepare('SELECT record_mac, record_key_id, authenticated FROM dose_records').get()).toMatchObject({ record_mac: null, record_key_id: null, authenticated: 0 });
      // The database's own triggers refuse this: SQLite gives their RAISE text and no code, so the words name which rule fired.
      expect(() => db.prepare('UPDATE dose_records SET authenticated = 1').run()).toThrow(/never edited/);
      expect(verifyDoseRecords(db, keysWith(GUN_LINK_KEY)).problems).toEqual([expect.objectContaining({ recordId: 1, problem: 'no-mac' })]);
    } finally {
      db.close();
    }
  });
});
