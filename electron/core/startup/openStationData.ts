// Opening a station's data folder, in the one order that never loses or hides anything:
//   1. the folder owner-only (0700);
//   2. the database key: from the key store; made only when there is no database yet;
//   3. a plain database (written before encryption at rest) is encrypted in place, keeping or removing
//      the plain copy as the caller explicitly chose; without a choice the station does not start;
//   4. the database opened with its key (a wrong key is refused, nothing written), schema migrated;
//   5. the audit key, the pseudonym secret and the guns' link keys into (or from) the key store;
//   6. the audit trail checked against the key store's checkpoint: a database rolled back to an older
//      copy stops the station unless someone accepts it explicitly; then the head is checkpointed.
import { join } from 'node:path';
import { AuditTrail } from '../audit/trail.js';
import { keyStoreCheckpoints } from '../audit/checkpoint.js';
import type { Clock } from '../clock.js';
import { ownerOnlyDir } from '../keys/fileVault.js';
import type { KeyStore } from '../keys/keyStore.js';
import { auditKey, databaseKey, moveLinkKeysOutOfSettings, pseudonymSecret, type KeyPolicy } from '../keys/stationSecrets.js';
import type { Logger } from '../logger.js';
import type { SettingsStore } from '../settings/store.js';
import { isNotADatabase, openDatabase, type Db } from '../storage/db.js';
import { databaseFileState, encryptInPlace } from '../storage/encryptInPlace.js';
import { StartRefusal } from './errors.js';

/** What to do with the plain copy when an unencrypted database is found. */
export type PlainDatabaseChoice = 'keep' | 'remove';

export interface OpenStationDataOptions {
  dataDir: string;
  /** Defaults to <dataDir>/station.db. */
  dbFile?: string;
  keys: KeyStore;
  settings: SettingsStore;
  clock: Clock;
  logger?: Logger;
  /** Required (else the station refuses to start) when the database on disk is not encrypted yet. */
  plainDatabase?: PlainDatabaseChoice;
  /** Start on a database older than the key store's audit checkpoint (a restored backup), recording it. */
  acceptRestoredDatabase?: boolean;
  /** Tools that read an existing station (the export CLI) make no key and change nothing first. */
  policy?: KeyPolicy;
  /** Told what happened (an encryption in place, moved keys), one line each. */
  notice?: (line: string) => void;
}

export interface StationData {
  db: Db;
  dbFile: string;
  audit: AuditTrail;
  pseudonymSecret: Buffer;
  keys: KeyStore;
}

export function openStationData(o: OpenStationDataOptions): StationData {
  const policy = o.policy ?? { create: true };
  const notice = o.notice ?? (() => undefined);
  const dbFile = o.dbFile ?? join(o.dataDir, 'station.db');
  if (policy.create) ownerOnlyDir(o.dataDir);

  const state = databaseFileState(dbFile);
  if (state === 'plain' && (!policy.create || o.plainDatabase === undefined))
    throw new StartRefusal(
      'plain-database-needs-choice',
      `The database ${dbFile} is not encrypted (written before encryption at rest).\nStart once with --encrypt-existing=keep (keeps the plain copy beside it) or --encrypt-existing=remove.\nThe plain copy holds every record in clear: keep it only until you have checked the station.`,
      { dbFile },
    );
  const key = databaseKey(o.keys, dbFile, state, policy);
  if (state === 'plain') {
    const r = encryptInPlace(dbFile, key, { keepPlain: o.plainDatabase === 'keep', now: o.clock.now() });
    notice(`Encrypted ${dbFile} in place (${r.tables} tables, ${r.rows} rows checked).${r.plainCopy ? ` The plain copy is kept at ${r.plainCopy}; delete it once you have checked the station.` : ' The plain copy was removed.'}`);
  }

  let db: Db;
  try {
    db = openDatabase(dbFile, key);
  } catch (e) {
    if (isNotADatabase(e))
      throw new StartRefusal(
        'database-key-wrong',
        `The key in ${o.keys.label} does not open ${dbFile}.\nThe key folder belongs to another station, or the database was replaced.\nNothing was written; point --key-dir at this station's key folder.`,
        { dbFile, store: o.keys.label },
      );
    throw e;
  }
  try {
    const audit = new AuditTrail(db, o.clock, auditKey(o.keys, o.settings, db, policy), { checkpoints: keyStoreCheckpoints(o.keys), logger: o.logger });
    const secret = pseudonymSecret(o.keys, db, policy);
    if (policy.create) {
      const moved = moveLinkKeysOutOfSettings(o.keys, o.settings);
      if (moved > 0) notice(`Moved ${moved} gun link key(s) from the settings file into ${o.keys.label}.`);
      checkAgainstCheckpoint(audit, o);
      audit.keyHeadIfUnkeyed();
      audit.checkpoint();
    }
    return { db, dbFile, audit, pseudonymSecret: secret, keys: o.keys };
  } catch (e) {
    db.close();
    throw e;
  }
}

function checkAgainstCheckpoint(audit: AuditTrail, o: OpenStationDataOptions): void {
  const found = audit.checkpointProblems().filter((p) => p.code === 'rolled-back' || p.code === 'checkpoint-mismatch');
  const first = found[0];
  if (!first) return;
  if (!o.acceptRestoredDatabase)
    throw new StartRefusal(
      'database-rolled-back',
      `${first.problem}.\nRestore the newest copy of the database, or, if this copy is the newest there is, start once with --accept-restored-database (recorded in the audit trail).\nCheckpoint kept in ${o.keys.label}.`,
      { ...first.params, store: o.keys.label },
    );
  audit.append({ actor: null, action: 'audit.restored-database-accepted', entity: 'audit', entityId: null, newValue: { code: first.code, ...first.params } });
  audit.checkpoint({ force: true });
}
