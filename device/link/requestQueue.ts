// One serialized request queue per gun (stop-and-wait, as in Ledger Live's transport): a request is
// written, and the next one waits until it is answered or has failed. A request not answered within
// `timeoutMs` is written again byte for byte (same seq), so the gun can recognise the repeat and send
// its stored reply instead of executing twice; after `retries` repeats it fails with 'timeout'. The
// bytes are encoded once (`encode`, which tags them on an authenticated connection), so a
// retransmission carries the same counter and the gun accepts it once.
import type { Frame, Message, MessageOf, RequestName } from '../protocol/index.js';
import { LinkError } from './errors.js';

export interface RequestQueueOptions {
  /** Writes bytes to the port; rejects when the write fails or does not complete in time. */
  write(bytes: Uint8Array): Promise<void>;
  /** Encodes one request frame (tagged when the connection is authenticated). */
  encode(seq: number, message: RequestMessage): Uint8Array;
  timeoutMs: number;
  retries: number;
  onRetransmit?(): void;
  /** The seq of the first request (1..255; default 1). */
  firstSeq?: number;
}

export type RequestMessage = { [N in RequestName]: MessageOf<N> }[RequestName];

interface Job {
  message: RequestMessage;
  resolve(reply: Message): void;
  reject(err: Error): void;
}

interface InFlight extends Job {
  seq: number;
  bytes: Uint8Array;
  attempts: number;
  timer: ReturnType<typeof setTimeout> | null;
}

export class RequestQueue {
  private readonly waiting: Job[] = [];
  private current: InFlight | null = null;
  private lastSeq: number;

  constructor(private readonly opts: RequestQueueOptions) {
    const first = opts.firstSeq ?? 1;
    if (!Number.isInteger(first) || first < 1 || first > 255) throw new RangeError(`firstSeq ${first} must be 1..255`);
    this.lastSeq = first - 1;
  }

  /** Resolves with the gun's reply (ACK, NAK or a typed reply); the caller interprets it. */
  request(message: RequestMessage): Promise<Message> {
    return new Promise<Message>((resolve, reject) => {
      this.waiting.push({ message, resolve, reject });
      if (!this.current) this.next();
    });
  }

  /** The request waiting for its reply, if any. */
  get inFlight(): { seq: number; type: RequestName } | null {
    return this.current ? { seq: this.current.seq, type: this.current.message.type } : null;
  }

  /** Offers a received frame; returns true when it answered the request in flight. */
  handleReply(frame: Frame): boolean {
    const cur = this.current;
    // Matched on ack alone: replies carry the request's seq, events carry 0 (GET_STATUS is answered
    // with a STATUS sent as a reply).
    if (!cur || frame.ack === 0 || frame.ack !== cur.seq) return false;
    this.finish(cur, () => cur.resolve(frame.message));
    return true;
  }

  /** Fails the request in flight and every queued one (the connection is gone). */
  failAll(err: LinkError): void {
    const cur = this.current;
    const queued = this.waiting.splice(0);
    if (cur) this.finish(cur, () => cur.reject(err));
    for (const job of queued) job.reject(err);
  }

  private nextSeq(): number {
    // 1..255; 0 is reserved for events.
    this.lastSeq = (this.lastSeq % 255) + 1;
    return this.lastSeq;
  }

  private next(): void {
    const job = this.waiting.shift();
    if (!job) return;
    const seq = this.nextSeq();
    let bytes: Uint8Array;
    try {
      bytes = this.opts.encode(seq, job.message);
    } catch (err) {
      job.reject(err instanceof Error ? err : new Error(String(err)));
      queueMicrotask(() => this.next());
      return;
    }
    const cur: InFlight = { ...job, seq, bytes, attempts: 0, timer: null };
    this.current = cur;
    this.send(cur);
  }

  private send(cur: InFlight): void {
    cur.timer = setTimeout(() => this.onTimeout(cur), this.opts.timeoutMs);
    this.opts.write(cur.bytes).catch((err: unknown) => {
      if (this.current !== cur) return;
      const e = err instanceof Error ? err : new Error(String(err));
      this.finish(cur, () => cur.reject(e));
    });
  }

  private onTimeout(cur: InFlight): void {
    if (this.current !== cur) return;
    if (cur.attempts < this.opts.retries) {
      cur.attempts++;
      this.opts.onRetransmit?.();
      this.send(cur);
      return;
    }
    const total = this.opts.timeoutMs * (this.opts.retries + 1);
    this.finish(cur, () =>
      cur.reject(new LinkError('timeout', `The gun did not answer ${cur.message.type} within ${total} ms (${this.opts.retries} retransmits)`)),
    );
  }

  private finish(cur: InFlight, settle: () => void): void {
    if (cur.timer) clearTimeout(cur.timer);
    cur.timer = null;
    this.current = null;
    settle();
    // Start the next request after the caller has seen this one's outcome.
    queueMicrotask(() => {
      if (!this.current) this.next();
    });
  }
}
