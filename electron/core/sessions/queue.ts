// The session commands run one at a time, in the order they were asked for: each sees the state the
// previous one committed. Only the stop's DISARM goes out before its turn (gunStops.ts); what it
// records waits here like any other step.
export class CommandQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `fn` after every command queued before it, whether those succeeded or failed. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.tail.then(fn, fn);
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Resolves when every queued command (including those queued while waiting) has run. */
  async idle(): Promise<void> {
    let q: Promise<unknown>;
    do {
      q = this.tail;
      await q;
    } while (q !== this.tail);
  }
}
