// Both halves of liveness for one connection: send a heartbeat every `heartbeatMs` (the gun disarms
// itself without one), and declare the gun gone after `deadAfterMs` with no valid frame from it.
// The watchdog is one timer re-armed lazily, so a busy link does not reset a timer per frame.
export interface LivenessOptions {
  heartbeatMs: number;
  deadAfterMs: number;
  sendHeartbeat(): void;
  onDead(silentMs: number): void;
  now?: () => number;
}

export class Liveness {
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private lastFrameAt = 0;
  private readonly now: () => number;

  constructor(private readonly opts: LivenessOptions) {
    this.now = opts.now ?? Date.now;
  }

  /** Starts watching for silence (from the moment the port opens). */
  startWatchdog(): void {
    this.stopWatchdog();
    this.lastFrameAt = this.now();
    this.armWatchdog(this.opts.deadAfterMs);
  }

  /** Starts the heartbeat, with one beat now. */
  startHeartbeat(): void {
    this.stopHeartbeat();
    this.opts.sendHeartbeat();
    this.heartbeat = setInterval(() => this.opts.sendHeartbeat(), this.opts.heartbeatMs);
  }

  /** A valid frame arrived from the gun. */
  frameSeen(): void {
    this.lastFrameAt = this.now();
  }

  /** Stops only the silence watchdog (a refused gun may speak a version we cannot decode). */
  stopWatchdog(): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  /** Stops only the heartbeat (for a test or a diagnostic that wants the gun to see the station go quiet). */
  stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  stop(): void {
    this.stopHeartbeat();
    this.stopWatchdog();
  }

  private armWatchdog(delayMs: number): void {
    this.watchdog = setTimeout(() => {
      const silent = this.now() - this.lastFrameAt;
      if (silent >= this.opts.deadAfterMs) {
        this.stop();
        this.opts.onDead(silent);
      } else this.armWatchdog(this.opts.deadAfterMs - silent);
    }, Math.max(1, delayMs));
  }
}
