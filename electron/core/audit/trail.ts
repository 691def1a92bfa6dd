// The audit trail (21 CFR Part 11 style): computer-generated, time-stamped, who/what/old/new/why, and
// nobody can edit it. Each row's hash covers the previous row's hash and the row's own fields, so an
// edit, a deleted row or a deleted tail shows up in verify() even if someone bypasses the triggers.
//
// The hash is an HMAC-SHA256 keyed with the station's audit key, which lives in the settings file,
// not in the database (settings/auditKey.ts). A plain hash could be recomputed by anyone holding the
// database file: drop the triggers, edit a row, rehash every row and the head, and verify() passes.
// With the key kept elsewhere that rewrite no longer verifies. The chain is keyed from its first row:
// the row format is unchanged (migration 2) and only how `hash` is computed changed, before any
// release, so no station holds plain-SHA-256 rows. A development database made before this change
// fails verify() on every row and should be recreated.
import { createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import type { AuditEntry, AuditPage, AuditVerification } from '../../contract/audit.js';
import type { Actor } from '../access/actor.js';
import type { Clock } from '../clock.js';
import { inTransaction, type Db } from '../storage/db.js';
import { AUDIT_GENESIS_HASH } from '../storage/migrations/002_audit.js';
import { canonicalJson } from './canonical.js';
import { redactSecrets } from './redact.js';

export interface AuditAppend {
  actor: Actor | null;
  /** What happened, "area.verb" style: 'user.create', 'settings.update', 'auth.login-failed'. */
  action: string;
  /** The kind of thing it happened to: 'user', 'settings', 'patient'. */
  entity: string;
  entityId: string | number | null;
  /** Plain JSON; keys that look like secrets are redacted before writing. */
  oldValue?: unknown;
  newValue?: unknown;
  reason?: string | null;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  userId?: number;
  action?: string;
  /** ISO times, inclusive. */
  from?: string;
  to?: string;
}

export interface AuditPageRequest {
  limit?: number;
  beforeId?: number;
}

interface Row {
  id: number;
  at: string;
  user_id: number | null;
  username: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  old_value: string | null;
  new_value: string | null;
  reason: string | null;
  prev_hash: string;
  hash: string;
}

/** Below this the HMAC key is too short to be a secret worth the name. */
const MIN_KEY_BYTES = 32;

/** The fields a row's hash covers, in a fixed shape (canonical JSON sorts the keys). */
function rowHash(key: KeyObject, prevHash: string, r: Omit<Row, 'prev_hash' | 'hash'>): string {
  const fields = {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    oldValue: r.old_value,
    newValue: r.new_value,
    reason: r.reason,
  };
  // prevHash is always 64 hex characters, so the two parts cannot be shifted into each other.
  return createHmac('sha256', key).update(prevHash).update(canonicalJson(fields)).digest('hex');
}

function storedJson(value: unknown): string | null {
  return value === undefined ? null : canonicalJson(redactSecrets(value));
}

function toEntry(r: Row): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    username: r.username,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    oldValue: r.old_value === null ? null : (JSON.parse(r.old_value) as unknown),
    newValue: r.new_value === null ? null : (JSON.parse(r.new_value) as unknown),
    reason: r.reason,
  };
}

function describeMissing(from: number, to: number, where: string): string {
  return from === to ? `row ${from} is missing (deleted${where})` : `rows ${from}-${to} are missing (deleted${where})`;
}

export class AuditTrail {
  // Prepared once: append runs inside every dose commit, where re-preparing was most of its cost.
  private readonly readHead;
  private readonly insertRow;
  private readonly writeHead;
  // A private field and a KeyObject: the key stays out of anything that serialises or logs the trail.
  readonly #key: KeyObject;

  /**
   * @param key the station's audit key: `auditKeyFrom(settings)` (settings/auditKey.ts). Every
   * AuditTrail over one database must get the same key, or its rows will not verify.
   */
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    key: Uint8Array,
  ) {
    // Checked at run time too: a keyless or short-keyed trail would be the forgeable chain this replaces.
    if (!(key instanceof Uint8Array) || key.length < MIN_KEY_BYTES)
      throw new Error(`AuditTrail needs the station's audit key (at least ${MIN_KEY_BYTES} bytes): pass auditKeyFrom(settings) from electron/core/settings/auditKey.ts`);
    this.#key = createSecretKey(key);
    this.readHead = db.prepare('SELECT row_count, last_hash FROM audit_head WHERE id = 1');
    this.insertRow = db.prepare(
      `INSERT INTO audit_log (id, at, user_id, username, action, entity, entity_id, old_value, new_value, reason, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.writeHead = db.prepare('UPDATE audit_head SET row_count = ?, last_hash = ? WHERE id = 1');
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
    const row: Omit<Row, 'prev_hash' | 'hash'> = {
      id: head.row_count + 1,
      at: new Date(this.clock.now()).toISOString(),
      user_id: entry.actor?.userId ?? null,
      username: entry.actor?.username ?? null,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId === null ? null : String(entry.entityId),
      old_value: storedJson(entry.oldValue),
      new_value: storedJson(entry.newValue),
      reason: entry.reason ?? null,
    };
    const hash = rowHash(this.#key, head.last_hash, row);
    this.insertRow.run(row.id, row.at, row.user_id, row.username, row.action, row.entity, row.entity_id, row.old_value, row.new_value, row.reason, head.last_hash, hash);
    this.writeHead.run(row.id, hash);
  }

  /** Newest first. */
  list(filter: AuditFilter = {}, page: AuditPageRequest = {}): AuditPage {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const add = (sql: string, value: string | number | undefined): void => {
      if (value === undefined) return;
      where.push(sql);
      params.push(value);
    };
    add('entity = ?', filter.entity);
    add('entity_id = ?', filter.entityId);
    add('user_id = ?', filter.userId);
    add('action = ?', filter.action);
    // Stored times are UTC ISO strings of one width, so text order is time order.
    add('at >= ?', filter.from === undefined ? undefined : new Date(filter.from).toISOString());
    add('at <= ?', filter.to === undefined ? undefined : new Date(filter.to).toISOString());
    add('id < ?', page.beforeId);
    const limit = Math.min(Math.max(page.limit ?? 100, 1), 500);
    const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, limit + 1) as Row[];
    const more = rows.length > limit;
    const entries = rows.slice(0, limit).map(toEntry);
    return { entries, nextBeforeId: more ? (entries.at(-1)?.id ?? null) : null };
  }

  /** Walks the whole chain. Names every edited row, every gap and a deleted tail. */
  verify(): AuditVerification {
    const problems: AuditVerification['problems'] = [];
    let expectedId = 1;
    let prevHash = AUDIT_GENESIS_HASH;
    let rows = 0;
    for (const raw of this.db.prepare('SELECT * FROM audit_log ORDER BY id').iterate()) {
      const r = raw as Row;
      rows++;
      if (r.id > expectedId) problems.push({ rowId: expectedId, problem: describeMissing(expectedId, r.id - 1, '') });
      else if (r.id < expectedId) problems.push({ rowId: r.id, problem: `row ${r.id} is out of order` });
      // After a gap the stored link cannot match the row before it; the gap is the finding, not this row.
      if (r.prev_hash !== prevHash && r.id === expectedId)
        problems.push({ rowId: r.id, problem: `row ${r.id} does not follow from row ${r.id - 1} (the chain was rewritten)` });
      if (rowHash(this.#key, r.prev_hash, r) !== r.hash) problems.push({ rowId: r.id, problem: `row ${r.id} was edited (its hash no longer matches its contents)` });
      prevHash = r.hash;
      expectedId = r.id + 1;
    }
    const head = this.db.prepare('SELECT row_count, last_hash FROM audit_head WHERE id = 1').get() as { row_count: number; last_hash: string } | undefined;
    const lastId = expectedId - 1;
    if (!head) problems.push({ rowId: lastId, problem: 'the audit head record is missing' });
    else if (head.row_count > lastId) problems.push({ rowId: lastId + 1, problem: describeMissing(lastId + 1, head.row_count, ' from the end') });
    else if (head.row_count < lastId) problems.push({ rowId: head.row_count + 1, problem: `the audit head records ${head.row_count} rows but the trail has ${lastId}` });
    else if (head.last_hash !== prevHash) problems.push({ rowId: lastId, problem: `the last row (${lastId}) does not match the audit head (edited or replaced)` });
    return { ok: problems.length === 0, rows, problems };
  }
}
