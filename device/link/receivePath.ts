// The station's receive path: bytes from the port into frames (the decoder counts the bad ones by
// kind), frames past the guard (only authenticated ones once a session exists), replies to the
// request waiting for them, and the gun's events to whoever handles them. Before authentication a
// frame proves nothing about the gun: it keeps the link alive, no more.
import { FrameDecoder, MESSAGES, type DecoderStats, type Frame, type MessageOf } from '../protocol/index.js';
import type { FrameGuard } from './frameGuard.js';
import type { RequestQueue } from './requestQueue.js';

export interface GunEvents {
  status(m: MessageOf<'STATUS'>): void;
  record(m: MessageOf<'DOSE_RECORD'>): void;
  syncDone(): void;
  fault(m: MessageOf<'FAULT'>): void;
  /** A record that arrived before authentication: ignored (the gun re-sends it later). */
  recordBeforeAuth(): void;
}

export interface ReceivePathHost {
  guard: FrameGuard;
  queue: RequestQueue;
  /** The connection is authenticated and synced or syncing: gun events count. */
  authenticated(): boolean;
  /** A valid frame arrived (the silence watchdog). */
  frameSeen(): void;
  /** Frames failing authentication came in a burst: the connection must end. */
  burst(): void;
  events: GunEvents;
}

export class ReceivePath {
  private readonly decoder = new FrameDecoder('gun');
  private badAtReset = 0;

  constructor(private readonly host: ReceivePathHost) {}

  get stats(): DecoderStats {
    const d = this.decoder.stats;
    return { framesOk: d.framesOk, framesBad: d.framesBad, bytesDiscarded: d.bytesDiscarded, byKind: { ...d.byKind } };
  }

  /** A new connection: a half frame from the last one is dropped. */
  reset(): void {
    this.decoder.reset();
    this.badAtReset = this.decoder.stats.framesBad;
  }

  /** This connection received damaged frames: something is on the line, and the line is noisy. */
  get damagedSinceReset(): boolean {
    return this.decoder.stats.framesBad > this.badAtReset;
  }

  /** Bytes from the port; `stillCurrent` stops the loop when a frame ended this connection. */
  push(chunk: Uint8Array, stillCurrent: () => boolean): void {
    const h = this.host;
    for (const r of this.decoder.push(chunk)) {
      if (!r.ok) continue; // counted by the decoder, by kind
      const admission = h.guard.admit(r.frame, h.queue.inFlight);
      if (admission === 'burst') return h.burst();
      if (admission !== 'accept') continue;
      h.frameSeen();
      this.take(r.frame);
      if (!stillCurrent()) return;
    }
  }

  private take(frame: Frame): void {
    const h = this.host;
    const m = frame.message;
    if (frame.ack !== 0) h.queue.handleReply(frame);
    if (MESSAGES[m.type].kind === 'reply') return;
    if (!h.authenticated()) {
      if (m.type === 'DOSE_RECORD') h.events.recordBeforeAuth();
      return;
    }
    if (m.type === 'STATUS') h.events.status(m);
    else if (m.type === 'DOSE_RECORD') h.events.record(m);
    else if (m.type === 'SYNC_DONE') h.events.syncDone();
    else if (m.type === 'FAULT') h.events.fault(m);
  }
}
