// Record sync: which record ids the station holds, and getting the gun to send the ones it lacks.
// After each (re)connect the link asks SYNC_FROM(n), n the highest id up to which the sink holds
// every record, and goes ready when the replay has caught up (SYNC_DONE, a STATUS whose last record
// id we hold, or a timeout if SYNC_DONE was lost). While ready, a gun that reports records we do not
// hold, with none arriving, is asked to replay again; a gap a replay did not fill is given up on.

/** Held ids above a gap kept for sync bookkeeping; past this the gap is skipped (skipGap). */
const MAX_HELD_ABOVE = 10_000;

export interface RecordSyncOptions {
  syncDoneTimeoutMs: number;
  /**
   * The gun says it has records we do not hold, yet none has arrived for this long: ask it to replay.
   * Doubles while it does not help.
   */
  recordStallMs: number;
  /** Sends SYNC_FROM(afterRecordId); resolves once the gun answered SYNC_STARTED. */
  syncFrom(afterRecordId: number): Promise<void>;
  /** The replay after connecting has caught up. Called at most once per begin(). */
  onCaughtUp(): void;
  /** A stall replay failed (the link decides whether that loses the connection). */
  onResyncFailed(err: unknown): void;
  now?: () => number;
}

export class RecordSync {
  gapsSkipped = 0;
  /** Highest n with 1..n held by the sink, plus held ids above n: to see when a sync has caught up. */
  private held = { contiguous: 0, above: new Set<number>() };
  private sync: { started: boolean; done: boolean; timer: ReturnType<typeof setTimeout> | null } | null = null;
  /**
   * resyncedAt: `held.contiguous` when the last stall resync went out. A second stall at the same
   * point means the replay brought nothing: the gun no longer holds those ids (see skipGap).
   */
  private stall = { lastProgressAt: 0, waitMs: 0, resyncing: false, resyncedAt: -1 };
  /** The gun's last record id, from its latest STATUS on this connection (null: none yet). */
  private gunLast: number | null = null;
  private readonly now: () => number;

  constructor(private readonly opts: RecordSyncOptions) {
    this.now = opts.now ?? Date.now;
  }

  /**
   * Starts a connection's sync from `after`. Resolves once SYNC_STARTED arrived (or rejects with the
   * request's error); `stillCurrent` tells whether the connection is still the one that began.
   */
  async begin(after: number, stillCurrent: () => boolean): Promise<void> {
    this.clear();
    const sync = { started: false, done: false, timer: null as ReturnType<typeof setTimeout> | null };
    this.sync = sync;
    this.held = { contiguous: after, above: new Set() };
    this.gunLast = null;
    await this.opts.syncFrom(after);
    if (!stillCurrent() || this.sync !== sync) return;
    sync.started = true;
    sync.timer = setTimeout(() => this.caughtUp(), this.opts.syncDoneTimeoutMs);
    if (sync.done) this.caughtUp();
  }

  /** Stops waiting for a sync (the connection ended, or the link goes ready). */
  clear(): void {
    if (this.sync?.timer) clearTimeout(this.sync.timer);
    this.sync = null;
  }

  onStatus(lastRecordId: number): void {
    this.gunLast = lastRecordId;
    if (this.sync?.started && lastRecordId <= this.held.contiguous) this.caughtUp();
  }

  onSyncDone(): void {
    if (!this.sync) return;
    this.sync.done = true;
    this.caughtUp();
  }

  /** These ids are durable in the sink (and acknowledged to the gun). */
  onHeld(ids: readonly number[]): void {
    for (const id of ids) this.noteHeld(id);
    if (this.sync?.started && this.gunLast !== null && this.gunLast <= this.held.contiguous) this.caughtUp();
  }

  /** On every heartbeat while ready: ask for a replay when records are reported but do not arrive. */
  checkStall(): void {
    const st = this.stall;
    const behind = (this.gunLast ?? 0) > this.held.contiguous;
    if (!behind || st.resyncing || this.now() - st.lastProgressAt < st.waitMs) return;
    if (st.resyncedAt === this.held.contiguous) {
      // A replay from here already went out and filled nothing: the missing ids are not among the
      // records the gun still holds (acknowledged to an earlier database, say). Asking again would
      // repeat forever; the gun still re-sends anything it does hold on its own.
      this.skipGap();
      return;
    }
    st.resyncedAt = this.held.contiguous;
    st.resyncing = true;
    st.lastProgressAt = this.now();
    st.waitMs = Math.min(st.waitMs * 2, 60_000);
    this.opts
      .syncFrom(this.held.contiguous)
      .catch((err: unknown) => this.opts.onResyncFailed(err))
      .finally(() => (st.resyncing = false));
  }

  private caughtUp(): void {
    if (!this.sync?.started) return;
    this.clear();
    this.stall = { lastProgressAt: this.now(), waitMs: this.opts.recordStallMs, resyncing: false, resyncedAt: -1 };
    this.opts.onCaughtUp();
  }

  private noteHeld(id: number): void {
    const h = this.held;
    this.stall.lastProgressAt = this.now();
    this.stall.waitMs = this.opts.recordStallMs;
    if (id <= h.contiguous) return;
    h.above.add(id);
    while (h.above.delete(h.contiguous + 1)) h.contiguous++;
    // A gap that never fills (record 1 was never held here, say) must not grow the set without bound.
    if (h.above.size > MAX_HELD_ABOVE) this.skipGap();
  }

  /** Treats the lowest gap as closed: `contiguous` moves up to the next held id (or the gun's last id). */
  private skipGap(): void {
    const h = this.held;
    let lowest = Infinity;
    for (const id of h.above) lowest = Math.min(lowest, id);
    const target = lowest === Infinity ? (this.gunLast ?? h.contiguous) : lowest - 1;
    if (target <= h.contiguous) return;
    h.contiguous = target;
    while (h.above.delete(h.contiguous + 1)) h.contiguous++;
    this.gapsSkipped++;
  }
}
