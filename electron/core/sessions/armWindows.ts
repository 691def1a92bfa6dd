// Where each shot belongs. The gun fires only while armed, and the station arms it only in
// mesotherapy, for one session and one zone at a time. Each arming opens a window: record ids above
// the gun's last one at arming, shots started (gun clock) from the gun's time at arming. Disarming
// bounds it with the gun's time once the gun reports itself disarmed; a shot already under way when
// DISARM arrived started before that and still belongs here. A record belongs to the window that
// holds it, whenever it arrives: live, replayed after a reconnect, or after a station restart, and
// also after its session ended: a record the gun still owed an aborted or signed session (the link
// was down when it closed) belongs to that session's window, read back from the arm_windows table.
// A record outside every window is kept as unattributed, never dropped.
import type { GunStatus, DoseRecord } from '../../../device/link/index.js';
import type { Zone } from '../../contract/sessions.js';
import type { Actor } from '../access/actor.js';
import type { Attribution, AttributionResult, AttributionSource } from '../ledger/types.js';
import { stmt } from '../ledger/statements.js';
import type { Db } from '../storage/db.js';

export interface ArmWindow {
  id: number;
  sessionId: number;
  zone: Zone;
  gunSerial: string;
  afterRecordId: number;
  /** Gun clock at arming (null for windows from before it was recorded: no lower time bound). */
  armedGunTimeMs: number | null;
  /** Gun clock once the gun reported itself disarmed; null while armed and until that report. */
  disarmedGunTimeMs: number | null;
  /** The gun's last record id at that report (a shot under way may still add the next id). */
  throughRecordId: number | null;
  /** False once the station has decided to disarm: later limit checks leave it alone. */
  open: boolean;
}

export interface AttributionBase {
  sessionId: number;
  serumVersionId: number;
  lotId: number;
  lotNumber: string;
  clinician: Actor;
}

interface Row {
  id: number;
  session_id: number;
  zone: Zone;
  gun_serial: string;
  after_record_id: number;
  armed_gun_time_ms: number | null;
  disarmed_gun_time_ms: number | null;
  through_record_id: number | null;
  disarmed_at: number | null;
}

interface ClosedWindowRow {
  id: number;
  session_id: number;
  zone: Zone;
  after_record_id: number;
  serum_version_id: number;
  lot_id: number;
  lot_number: string;
  clinician_user_id: number;
  clinician_username: string;
  clinician_display_name: string;
}

export class ArmWindows implements AttributionSource {
  private windows: ArmWindow[] = [];
  private base: AttributionBase | null = null;

  constructor(private readonly db: Db) {}

  /** The session in progress and its windows (from the db, so a restart keeps them). */
  load(base: AttributionBase | null): void {
    this.base = base;
    this.windows = base
      ? (this.db.prepare('SELECT * FROM arm_windows WHERE session_id = ? ORDER BY id').all(base.sessionId) as Row[]).map((r) => ({
          id: r.id,
          sessionId: r.session_id,
          zone: r.zone,
          gunSerial: r.gun_serial,
          afterRecordId: r.after_record_id,
          armedGunTimeMs: r.armed_gun_time_ms,
          disarmedGunTimeMs: r.disarmed_gun_time_ms,
          throughRecordId: r.through_record_id,
          open: r.disarmed_at === null,
        }))
      : [];
  }

  setBase(base: AttributionBase | null): void {
    if (base === null || this.base?.sessionId !== base.sessionId) this.load(base);
    else this.base = base;
  }

  all(): readonly ArmWindow[] {
    return this.windows;
  }

  current(): ArmWindow | undefined {
    return this.windows.find((w) => w.open);
  }

  /** Persists a new open window; call before arming the gun so its first shot already has a home. */
  open(args: { zone: Zone; gunSerial: string; afterRecordId: number; armedGunTimeMs: number; at: number }): ArmWindow {
    if (!this.base) throw new Error('no session in progress');
    const r = this.db
      .prepare('INSERT INTO arm_windows (session_id, zone, gun_serial, after_record_id, armed_gun_time_ms, armed_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(this.base.sessionId, args.zone, args.gunSerial, args.afterRecordId, args.armedGunTimeMs, args.at);
    const w: ArmWindow = {
      id: Number(r.lastInsertRowid),
      sessionId: this.base.sessionId,
      zone: args.zone,
      gunSerial: args.gunSerial,
      afterRecordId: args.afterRecordId,
      armedGunTimeMs: args.armedGunTimeMs,
      disarmedGunTimeMs: null,
      throughRecordId: null,
      open: true,
    };
    this.windows.push(w);
    return w;
  }

  /** In memory only, synchronously: the decision to disarm. `persistClose` writes it. */
  markClosing(windowId: number): void {
    const w = this.windows.find((x) => x.id === windowId);
    if (w) w.open = false;
  }

  persistClose(windowId: number, at: number, reason: string): void {
    this.markClosing(windowId);
    this.db.prepare('UPDATE arm_windows SET disarmed_at = COALESCE(disarmed_at, ?), disarm_reason = COALESCE(disarm_reason, ?) WHERE id = ?').run(at, reason, windowId);
  }

  /**
   * The gun reports itself disarmed: every closed window of this gun still without a bound ends at
   * its clock now (no shot can start until the station arms it again). That includes windows of
   * sessions already aborted or signed while the gun was away, so they stop collecting records.
   */
  bound(gunSerial: string, status: Pick<GunStatus, 'lastRecordId' | 'gunTimeMs'>): ArmWindow[] {
    const changed: ArmWindow[] = [];
    for (const w of this.windows) {
      if (w.open || w.gunSerial !== gunSerial || w.disarmedGunTimeMs !== null) continue;
      this.setBound(w, Math.max(w.afterRecordId, status.lastRecordId), status.gunTimeMs);
      changed.push(w);
    }
    // Read first: this runs on every STATUS, and an UPDATE that matches nothing still costs a write.
    const mine = this.base?.sessionId ?? -1;
    const others = stmt(
      this.db,
      'SELECT id FROM arm_windows WHERE gun_serial = ? AND session_id <> ? AND disarmed_at IS NOT NULL AND disarmed_gun_time_ms IS NULL LIMIT 1',
    ).get(gunSerial, mine);
    if (others)
      this.db
        .prepare(
          `UPDATE arm_windows SET through_record_id = MAX(after_record_id, ?), disarmed_gun_time_ms = ?
           WHERE gun_serial = ? AND session_id <> ? AND disarmed_at IS NOT NULL AND disarmed_gun_time_ms IS NULL`,
        )
        .run(status.lastRecordId, status.gunTimeMs, gunSerial, mine);
    return changed;
  }

  /** The gun refused to arm: the window can hold no shot. */
  voidWindow(windowId: number, at: number, reason: string): void {
    const w = this.windows.find((x) => x.id === windowId);
    if (!w) return;
    this.persistClose(windowId, at, reason);
    this.setBound(w, w.afterRecordId, (w.armedGunTimeMs ?? 0) - 1);
  }

  private setBound(w: ArmWindow, throughRecordId: number, disarmedGunTimeMs: number): void {
    w.throughRecordId = throughRecordId;
    w.disarmedGunTimeMs = disarmedGunTimeMs;
    this.db.prepare('UPDATE arm_windows SET through_record_id = ?, disarmed_gun_time_ms = ? WHERE id = ?').run(throughRecordId, disarmedGunTimeMs, w.id);
  }

  unbounded(): ArmWindow[] {
    return this.windows.filter((w) => !w.open && w.disarmedGunTimeMs === null);
  }

  attribute(record: DoseRecord): AttributionResult {
    let best: ArmWindow | undefined;
    for (const w of this.base ? this.windows : []) {
      if (w.gunSerial !== record.gunSerial || record.recordId <= w.afterRecordId) continue;
      if (w.armedGunTimeMs !== null && record.startedAtMs < w.armedGunTimeMs) continue;
      if (w.disarmedGunTimeMs !== null && record.startedAtMs > w.disarmedGunTimeMs) continue;
      if (!best || w.afterRecordId > best.afterRecordId) best = w;
    }
    // Windows of other sessions (ended, or open but unreadable by this build): the latest window that
    // holds the record wins, as within a session (windows of one gun never overlap in time).
    const closed = this.closedSessionWindow(record);
    if (closed && (!best || closed.after_record_id > best.afterRecordId)) {
      const attributed: Attribution = {
        sessionId: closed.session_id,
        serumVersionId: closed.serum_version_id,
        lotId: closed.lot_id,
        lotNumber: closed.lot_number,
        clinician: { userId: closed.clinician_user_id, username: closed.clinician_username, displayName: closed.clinician_display_name, role: 'clinician' },
        armWindowId: closed.id,
        zone: closed.zone,
      };
      return { attributed };
    }
    if (best && this.base) return { attributed: { ...this.base, armWindowId: best.id, zone: best.zone } };
    if (!this.base) return { unattributed: 'no session in progress when the shot was recorded' };
    return { unattributed: `the gun was not armed in mesotherapy for session ${this.base.sessionId} when this shot was recorded` };
  }

  private closedSessionWindow(record: DoseRecord): ClosedWindowRow | undefined {
    return stmt(
      this.db,
      `SELECT w.id, w.session_id, w.zone, w.after_record_id, s.serum_version_id, s.lot_id, s.lot_number, s.clinician_user_id,
              s.clinician_username, s.clinician_display_name
       FROM arm_windows w JOIN clinical_sessions s ON s.id = w.session_id
       WHERE w.gun_serial = ? AND w.session_id <> ? AND w.after_record_id < ?
         AND (w.armed_gun_time_ms IS NULL OR w.armed_gun_time_ms <= ?)
         AND (w.disarmed_gun_time_ms IS NULL OR w.disarmed_gun_time_ms >= ?)
         AND s.serum_version_id IS NOT NULL AND s.lot_id IS NOT NULL AND s.lot_number IS NOT NULL
       ORDER BY w.after_record_id DESC, w.id DESC LIMIT 1`,
    ).get(record.gunSerial, this.base?.sessionId ?? -1, record.recordId, record.startedAtMs, record.startedAtMs) as ClosedWindowRow | undefined;
  }
}
