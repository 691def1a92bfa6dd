// Every export reads through its own read-only connection, inside one read transaction:
//  - the live station keeps committing doses on its own connection while an export streams (WAL lets
//    one writer and many readers run together; an iterator open on the station's own connection
//    would hold that connection for the whole export);
//  - all files of one export, and their row counts in the manifest, describe the same instant.
// The per-patient codes are put in a TEMP table of that connection so the big queries can join them
// (TEMP lives in memory: temp_store = MEMORY, so no plain copy of anything reaches the disk).
import { openSibling, type Db } from '../../storage/db.js';
import { patientCode } from '../pseudonym.js';

export interface ReadSnapshot {
  db: Db;
  /** Ends the read transaction and closes the connection (never throws). */
  close(): void;
}

/** @param secret the station's secret from the key store (keys/stationSecrets.ts). */
export function openReadSnapshot(stationDb: Db, secret: Uint8Array): ReadSnapshot {
  // Same file, same key; read-only by use (libsql ignores a readonly flag).
  const ro = openSibling(stationDb);
  try {
    ro.exec('BEGIN');
    // The snapshot starts at the first read; take it now, before anything else can commit.
    ro.prepare('SELECT count(*) FROM sqlite_master').raw().get();
    ro.exec('CREATE TEMP TABLE export_patient_codes (patient_id INTEGER PRIMARY KEY, code TEXT NOT NULL)');
    const insert = ro.prepare('INSERT INTO temp.export_patient_codes (patient_id, code) VALUES (?, ?)');
    for (const row of ro.prepare('SELECT id FROM patients').raw().iterate()) {
      const id = (row as [number])[0];
      insert.run(id, patientCode(secret, id));
    }
  } catch (e) {
    ro.close();
    throw e;
  }
  return {
    db: ro,
    close() {
      try {
        if (ro.inTransaction) ro.exec('COMMIT');
      } catch {
        // A read transaction has nothing to lose; closing ends it anyway.
      }
      ro.close();
    },
  };
}
