// Reconnecting with backoff: the first retry after `minMs`, doubling to `maxMs` while it keeps
// failing; a connection that reaches ready (or settles waiting for pairing) starts from `minMs` again.
export class Backoff {
  private delay: number;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly minMs: number,
    private readonly maxMs: number,
  ) {
    this.delay = minMs;
  }

  get pending(): boolean {
    return this.timer !== null;
  }

  /** Runs `fn` after the current delay (unless one is already pending), and doubles the delay. */
  schedule(fn: () => void): void {
    if (this.timer) return;
    const delay = this.delay;
    this.delay = Math.min(this.delay * 2, this.maxMs);
    this.timer = setTimeout(() => {
      this.timer = null;
      fn();
    }, delay);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  reset(): void {
    this.delay = this.minMs;
  }
}
