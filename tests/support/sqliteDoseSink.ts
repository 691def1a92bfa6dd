// A small durable DoseSink for link integration tests and the link benchmark: libsql (better-sqlite3
// API), WAL with synchronous=FULL so a resolved commit is on disk, one transaction per batch, unique
// on (gun_serial, record_id) with INSERT OR IGNORE so a replayed record is never counted twice.
// The station's real ledger lives in electron/; this one exists only to test the link against disk.
import Database from 'libsql';
import type { DoseRecord, DoseSink } from '../../device/link/index.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS doses (
  gun_serial TEXT NOT NULL,
  record_id INTEGER NOT NULL,
  commanded_nl INTEGER NOT NULL,
  delivered_nl INTEGER NOT NULL,
  depth_um INTEGER NOT NULL,
  entry_pct INTEGER NOT NULL,
  dwell_pct INTEGER NOT NULL,
  exit_pct INTEGER NOT NULL,
  mode TEXT NOT NULL,
  started_at_ms INTEGER NOT NULL,
  ended_at_ms INTEGER NOT NULL,
  fault TEXT,
  record_crc INTEGER NOT NULL,
  received_at_ms INTEGER NOT NULL,
  record_mac BLOB NOT NULL,
  key_id TEXT NOT NULL,
  authenticated INTEGER NOT NULL,
  PRIMARY KEY (gun_serial, record_id)
) WITHOUT ROWID`;

interface Row {
  gun_serial: string;
  record_id: number;
  commanded_nl: number;
  delivered_nl: number;
  depth_um: number;
  entry_pct: number;
  dwell_pct: number;
  exit_pct: number;
  mode: DoseRecord['mode'];
  started_at_ms: number;
  ended_at_ms: number;
  fault: DoseRecord['fault'];
  record_crc: number;
  received_at_ms: number;
  record_mac: Uint8Array;
  key_id: string;
  authenticated: number;
}

export class SqliteDoseSink implements DoseSink {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<unknown[]>;
  private readonly insertBatch: (records: readonly DoseRecord[]) => DoseRecord[];
  commits = 0;

  constructor(readonly file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare(
      `INSERT OR IGNORE INTO doses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertBatch = this.db.transaction((records: readonly DoseRecord[]) => {
      const fresh: DoseRecord[] = [];
      for (const r of records) {
        const res = this.insert.run(
          r.gunSerial, r.recordId, r.commandedNl, r.deliveredNl, r.depthUm, r.entryPct, r.dwellPct, r.exitPct,
          r.mode, r.startedAtMs, r.endedAtMs, r.fault, r.recordCrc, r.receivedAtMs, r.recordMac, r.keyId, r.authenticated ? 1 : 0,
        );
        if (res.changes > 0) fresh.push(r);
      }
      return fresh;
    });
  }

  async commit(records: readonly DoseRecord[]): Promise<readonly DoseRecord[]> {
    this.commits++;
    // One transaction: with synchronous=FULL its COMMIT is fsynced before this returns.
    return this.insertBatch(records);
  }

  async highestContiguousRecordId(gunSerial: string): Promise<number> {
    // The lowest id whose successor is missing, provided id 1 is present; 0 when it is not.
    const row = this.db
      .prepare(
        `SELECT CASE WHEN EXISTS (SELECT 1 FROM doses WHERE gun_serial = ?1 AND record_id = 1)
           THEN (SELECT MIN(a.record_id) FROM doses a WHERE a.gun_serial = ?1 AND NOT EXISTS
                  (SELECT 1 FROM doses b WHERE b.gun_serial = ?1 AND b.record_id = a.record_id + 1))
           ELSE 0 END AS n`,
      )
      .get(gunSerial) as { n: number };
    return row.n;
  }

  all(gunSerial: string): DoseRecord[] {
    const rows = this.db.prepare('SELECT * FROM doses WHERE gun_serial = ? ORDER BY record_id').all(gunSerial) as Row[];
    return rows.map((r) => ({
      gunSerial: r.gun_serial,
      recordId: r.record_id,
      commandedNl: r.commanded_nl,
      deliveredNl: r.delivered_nl,
      depthUm: r.depth_um,
      entryPct: r.entry_pct,
      dwellPct: r.dwell_pct,
      exitPct: r.exit_pct,
      mode: r.mode,
      startedAtMs: r.started_at_ms,
      endedAtMs: r.ended_at_ms,
      fault: r.fault,
      recordCrc: r.record_crc,
      recordMac: new Uint8Array(r.record_mac),
      keyId: r.key_id,
      authenticated: r.authenticated === 1,
      receivedAtMs: r.received_at_ms,
    }));
  }

  count(gunSerial: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM doses WHERE gun_serial = ?').get(gunSerial) as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}
