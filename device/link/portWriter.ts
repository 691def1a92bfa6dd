// The station's writes to the gun. Every write has a timeout owned by the link: after an unplug,
// serialport's write may never call back. A write that fails or does not complete counts as the
// connection lost (reported once, after the caller has seen the error).
import { LinkError } from './errors.js';
import type { LinkPort } from './port.js';

export interface PortWriterOptions {
  timeoutMs: number;
  /** The connection `epoch` is gone: the link tears it down (a stale epoch is ignored there). */
  onLost(epoch: number, reason: string): void;
}

export interface WriteCounters {
  writeTimeouts: number;
  writeErrors: number;
}

export class PortWriter {
  readonly counters: WriteCounters = { writeTimeouts: 0, writeErrors: 0 };
  private port: LinkPort | null = null;
  private epoch = 0;

  constructor(private readonly opts: PortWriterOptions) {}

  get attached(): boolean {
    return this.port !== null;
  }

  attach(port: LinkPort, epoch: number): void {
    this.port = port;
    this.epoch = epoch;
  }

  /** Forgets the port (closing it is the caller's). Returns it, or null when none was attached. */
  detach(): LinkPort | null {
    const port = this.port;
    this.port = null;
    return port;
  }

  /** Fire and forget (events): a failed write already counts as link loss. */
  send(bytes: Uint8Array): void {
    if (this.port) this.write(bytes).catch(() => undefined);
  }

  write(bytes: Uint8Array): Promise<void> {
    const port = this.port;
    const epoch = this.epoch;
    if (!port) return Promise.reject(new LinkError('disconnected', 'No connection to the gun'));
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const fail = (err: LinkError, reason: string) => {
        settled = true;
        reject(err);
        // After the caller has seen the error, treat the port as unplugged.
        queueMicrotask(() => this.opts.onLost(epoch, reason));
      };
      const timer = setTimeout(() => {
        if (settled) return;
        this.counters.writeTimeouts++;
        fail(new LinkError('timeout', `A write to the gun did not complete within ${this.opts.timeoutMs} ms (unplugged?)`), 'write did not complete');
      }, this.opts.timeoutMs);
      const failed = (message: string) => {
        clearTimeout(timer);
        this.counters.writeErrors++;
        fail(new LinkError('disconnected', `Write to the gun failed: ${message}`), `write failed: ${message}`);
      };
      try {
        port.write(bytes, (err) => {
          if (settled) return;
          if (err) return failed(err.message);
          settled = true;
          clearTimeout(timer);
          resolve();
        });
      } catch (err) {
        if (!settled) failed(err instanceof Error ? err.message : String(err));
      }
    });
  }
}
