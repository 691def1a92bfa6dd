// Collects many small strings (CSV lines, JSON fragments) into one reusable byte buffer and writes it
// to an AtomicFile about a megabyte at a time: one awaited disk write per batch instead of one per
// row, and no per-batch allocation (encoding each line straight into the buffer is several times
// cheaper than joining a megabyte of strings and encoding that). push() returns a promise only when
// it started a write, so a loop over millions of rows awaits rarely but never runs ahead of the disk
// by more than one batch: flat memory however large the export. The buffer is reused only after the
// awaited write has finished with it.
import type { AtomicFile } from './atomicFile.js';

export const DEFAULT_BATCH_BYTES = 1 << 20;

export class BatchedWriter {
  private readonly buf: Buffer;
  private used = 0;

  constructor(
    private readonly file: AtomicFile,
    private readonly batchBytes = DEFAULT_BATCH_BYTES,
  ) {
    this.buf = Buffer.allocUnsafe(batchBytes);
  }

  /** Queues text; when the batch is full, returns the promise of its write (which the caller must await). */
  push(text: string): Promise<void> | null {
    // A UTF-16 code unit never takes more than 3 bytes in UTF-8.
    if (text.length * 3 > this.buf.length - this.used) return this.pushSlow(text);
    this.used += this.buf.write(text, this.used, 'utf8');
    return this.used >= this.batchBytes - 4096 ? this.flush() : null;
  }

  private async pushSlow(text: string): Promise<void> {
    await this.flush();
    if (text.length * 3 > this.buf.length) await this.file.write(text);
    else this.used += this.buf.write(text, 0, 'utf8');
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    const n = this.used;
    this.used = 0;
    await this.file.write(this.buf.subarray(0, n));
  }
}
