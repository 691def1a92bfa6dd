// The audit trail (21 CFR Part 11 style): computer-generated, time-stamped, who/what/old/new/why, and
// nobody can edit it. Each row's hash covers the previous row's hash and the row's own fields, so an
// edit, a deleted row or a deleted tail shows up in verify() even if someone bypasses the triggers.
//
// Every hash is an HMAC-SHA256 under the station's audit key, which lives in the key store, never in
// the database (keys/stationSecrets.ts): who holds only the database cannot recompute the chain after
// an edit. The head (row count and last hash) carries its own keyed MAC, so cutting rows from the end
// and pointing the head at the row before shows too. A checkpoint of the head goes into the key store
// shortly after every append (and into every export manifest): a database rolled back to an older
// copy has a valid chain and head, only an older one, and the checkpoint is what is newer.
// verify() also reconciles the records that must each have their audit row (the dose ledger,
// signatures), through reconcilers their areas register.
import { createSecretKey, type KeyObject } from 'node:crypto';
import type { AuditEntry, AuditPage, AuditVerification } from '../../contract/audit.js';
import type { Clock } from '../clock.js';
import { describeUnexpected, type Logger } from '../logger.js';
import { inTransaction, type Db } from '../storage/db.js';
import { canonicalJson } from './canonical.js';
import type { AuditCheckpoint, CheckpointStore } from './checkpoint.js';
import { checkpointMac, headMac, rowFields, rowHash, sameMac, type AuditRowFields } from './keyed.js';
import { redactSecrets } from './redact.js';
import { auditCondition, type AuditFilter } from './filter.js';
import type { AuditAppend } from './port.js';
import { checkpointProblems, readHead, verifyTrail, type AuditHead, type Reconciler } from './verify.js';

export type { AuditFilter };
export type { AuditAppend, AuditPort } from './port.js';


export interface AuditPageRequest {
  limit?: number;
  beforeId?: number;
}

/** A stored audit row: the hashed fields and the chain. */
export interface StoredAuditRow extends AuditRowFields {
  prev_hash: string;
  hash: string;
}

export interface AuditTrailOptions {
  /** Where the head's checkpoint is kept (the key store); without one, nothing is checkpointed. */
  checkpoints?: CheckpointStore;
  /** How soon after an append the checkpoint is written (coalesced; off the commit path). */
  checkpointDelayMs?: number;
  logger?: Logger;
}

/** Below this the HMAC key is too short to be a secret worth the name. */
const MIN_KEY_BYTES = 32;

function storedJson(value: unknown): string | null {
  return value === undefined ? null : canonicalJson(redactSecrets(value));
}

/** A stored row as the contract shows it (values parsed; their canonical JSON is what the hash covers). */
export function toEntry(r: AuditRowFields): AuditEntry {
  const f = rowFields(r);
  return { ...f, oldValue: f.oldValue === null ? null : (JSON.parse(f.oldValue) as unknown), newValue: f.newValue === null ? null : (JSON.parse(f.newValue) as unknown) };
}

export class AuditTrail {
  // Prepared once: append runs inside every dose commit, where re-preparing was most of its cost.
  private readonly readHead;
  private readonly insertRow;
  private readonly writeHead;
  // A private field and a KeyObject: the key stays out of anything that serialises or logs the trail.
  readonly #key: KeyObject;
  private readonly reconcilers: Reconciler[] = [];
  private checkpointTimer: NodeJS.Timeout | null = null;

  /**
   * @param key the station's audit key from the key store (keys/stationSecrets.ts). Every AuditTrail
   * over one database must get the same key, or its rows will not verify.
   */
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    key: Uint8Array,
    private readonly options: AuditTrailOptions = {},
  ) {
    // Checked at run time too: a keyless or short-keyed trail would be the forgeable chain this replaces.
    if (!(key instanceof Uint8Array) || key.length < MIN_KEY_BYTES)
      throw new Error(`AuditTrail needs the station's audit key (at least ${MIN_KEY_BYTES} bytes) from the key store: see electron/core/keys/stationSecrets.ts`);
    this.#key = createSecretKey(key);
    this.readHead = db.prepare('SELECT row_count, last_hash FROM audit_head WHERE id = 1');
    this.insertRow = db.prepare(
      `INSERT INTO audit_log (id, at, user_id, username, action, entity, entity_id, old_value, new_value, reason, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.writeHead = db.prepare('UPDATE audit_head SET row_count = ?, last_hash = ?, head_mac = ? WHERE id = 1');
  }

  /** Registers a check of other records against their audit rows, run by every verify(). */
  addReconciler(r: Reconciler): void {
    this.reconcilers.push(r);
  }

  /**
   * Appends one row. Call it inside the transaction that makes the change, so the change and its
   * record commit together or not at all; called outside one, it opens its own.
   */
  append(entry: AuditAppend): void {
    if (!this.db.inTransaction) {
      inTransaction(this.db, () => this.append(entry));
      return;
    }
    const head = this.readHead.get() as { row_count: number; last_hash: string };
    const row: Omit<StoredAuditRow, 'prev_hash' | 'hash'> = {
      id: head.row_count + 1,
      at: new Date(this.clock.now()).toISOString(),
      user_id: entry.actor?.userId ?? null,
      username: entry.actor?.username ?? entry.systemActor ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId === null ? null : String(entry.entityId),
      old_value: storedJson(entry.oldValue),
      new_value: storedJson(entry.newValue),
      reason: entry.reason ?? null,
    };
    const hash = rowHash(this.#key, head.last_hash, row);
    this.insertRow.run(row.id, row.at, row.user_id, row.username, row.action, row.entity, row.entity_id, row.old_value, row.new_value, row.reason, head.last_hash, hash);
    this.writeHead.run(row.id, hash, headMac(this.#key, row.id, hash));
    this.scheduleCheckpoint();
  }

  /** The committed head (call outside a transaction for a state others can see). */
  head(): AuditHead {
    const head = readHead(this.db);
    if (!head) throw new Error('the audit head record is missing');
    return head;
  }

  /** True when the head's MAC verifies under this trail's key. */
  headVerifies(): boolean {
    const h = this.head();
    return h.headMac === null ? h.rows === 0 : sameMac(h.headMac, headMac(this.#key, h.rows, h.lastHash));
  }

  /**
   * A head written before heads were keyed gets its MAC now, through an audited row (the head can only
   * move forward). Its chain is checked by verify() as any other.
   */
  keyHeadIfUnkeyed(): boolean {
    const h = this.head();
    if (h.headMac !== null || h.rows === 0) return false;
    this.append({ actor: null, action: 'audit.head-keyed', entity: 'audit', entityId: null, newValue: { rowsBefore: h.rows } });
    return true;
  }

  /** The head as a checkpoint, MAC'd; not stored. */
  currentCheckpoint(): AuditCheckpoint {
    const h = this.head();
    // An empty trail's head has no stored MAC yet; its checkpoint is keyed all the same.
    const mac = h.headMac ?? (h.rows === 0 ? headMac(this.#key, 0, h.lastHash) : '');
    const c = { rows: h.rows, lastHash: h.lastHash, headMac: mac, at: new Date(this.clock.now()).toISOString() };
    return { ...c, mac: checkpointMac(this.#key, c) };
  }

  /** The database against the stored checkpoint (rolled back, another history, another key). */
  checkpointProblems(): ReturnType<typeof checkpointProblems> {
    const store = this.options.checkpoints;
    return store ? checkpointProblems(this.db, this.#key, readHead(this.db), store.read(), store.label) : [];
  }

  /**
   * Stores the committed head as the checkpoint and returns it (exports write it into their manifest).
   * Never moves the stored checkpoint backwards or onto another history: then it only returns the
   * head, and verify() keeps reporting the difference. `force` is for an admin's explicit acceptance.
   */
  checkpoint(options: { force?: boolean } = {}): AuditCheckpoint {
    this.cancelScheduledCheckpoint();
    const c = this.currentCheckpoint();
    const store = this.options.checkpoints;
    if (store && !this.db.inTransaction && (options.force || this.checkpointProblems().length === 0)) store.write(c);
    return c;
  }

  /** Writes the last checkpoint and stops the timer; the trail stays usable. */
  close(): void {
    if (this.options.checkpoints) this.safeCheckpoint();
    this.cancelScheduledCheckpoint();
  }

  private scheduleCheckpoint(): void {
    if (!this.options.checkpoints || this.checkpointTimer) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null;
      // Only a committed head is a checkpoint; a transaction still open means more is coming.
      if (this.db.inTransaction) this.scheduleCheckpoint();
      else this.safeCheckpoint();
    }, this.options.checkpointDelayMs ?? 1000);
    this.checkpointTimer.unref();
  }

  private cancelScheduledCheckpoint(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = null;
  }

  private safeCheckpoint(): void {
    try {
      if (this.db.open) this.checkpoint();
    } catch (e) {
      this.options.logger?.error('audit checkpoint failed', describeUnexpected(e));
    }
  }

  /** Newest first. */
  list(filter: AuditFilter = {}, page: AuditPageRequest = {}): AuditPage {
    const cond = auditCondition(filter);
    const params = [...cond.params];
    const where = [cond.sql];
    if (page.beforeId !== undefined) {
      where.push('id < ?');
      params.push(page.beforeId);
    }
    const limit = Math.min(Math.max(page.limit ?? 100, 1), 500);
    const sql = `SELECT * FROM audit_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, limit + 1) as StoredAuditRow[];
    const more = rows.length > limit;
    const entries = rows.slice(0, limit).map(toEntry);
    return { entries, nextBeforeId: more ? (entries.at(-1)?.id ?? null) : null };
  }

  /**
   * Walks the whole chain; checks the keyed head, the key store's checkpoint and the reconcilers. Names
   * every edited row, every gap, a deleted tail, a rewritten head, a rollback and a replaced key.
   */
  verify(): AuditVerification {
    const store = this.options.checkpoints;
    return verifyTrail(this.db, this.#key, { cp: store?.read(), where: store?.label ?? '' }, this.reconcilers);
  }
}
