// One authenticated connection, as either end holds it: the tag keys for both directions, the
// counters and the replay window, and the count of refused frames. The station's link and the gun
// (simulator) each keep one from authentication until the connection ends; which untagged frames an
// end still takes (the handshake, and for the gun a DISARM) is that end's rule, not this class's.
import { TIMING } from './constants.js';
import type { Frame } from './frame.js';
import type { MessageName } from './schema.js';
import { AuthFailureBurst, FrameOpener, FrameSealer, type AuthRejection } from './tags.js';

export interface AuthStats {
  /** Tagged frames that verified and were taken. */
  accepted: number;
  /** Frames refused by an authenticated connection, by reason. */
  refused: Record<AuthRejection, number>;
  /** The same frames by message type: an injected ARM shows up under ARM. */
  refusedByType: Partial<Record<MessageName, number>>;
  /** Connections dropped because authentication failures came in a burst. */
  bursts: number;
}

export function newAuthStats(): AuthStats {
  return { accepted: 0, refused: { untagged: 0, badTag: 0, replayed: 0, outOfWindow: 0 }, refusedByType: {}, bursts: 0 };
}

/** Adds `b` into `a` (for totals over a link's connections). */
export function addAuthStats(a: AuthStats, b: AuthStats): AuthStats {
  const byType = { ...a.refusedByType };
  for (const [k, v] of Object.entries(b.refusedByType) as [MessageName, number][]) byType[k] = (byType[k] ?? 0) + v;
  const refused = { ...a.refused };
  for (const k of Object.keys(refused) as AuthRejection[]) refused[k] += b.refused[k];
  return { accepted: a.accepted + b.accepted, refused, refusedByType: byType, bursts: a.bursts + b.bursts };
}

export interface FrameSessionKeys {
  /** Tags what this end sends. */
  send: Uint8Array;
  /** Checks what the other end sends. */
  receive: Uint8Array;
}

export class FrameSession {
  readonly sealer: FrameSealer;
  private readonly opener: FrameOpener;
  private readonly burst: AuthFailureBurst;

  constructor(
    keys: FrameSessionKeys,
    private readonly stats: AuthStats,
    now: () => number = Date.now,
  ) {
    this.sealer = new FrameSealer(keys.send);
    this.opener = new FrameOpener(keys.receive);
    this.burst = new AuthFailureBurst(TIMING.authFailureBurst, TIMING.authFailureWindowMs, now);
  }

  /** Checks a frame's tag; 'ok' counts it as accepted and uses up its counter. */
  check(frame: Frame): 'ok' | AuthRejection {
    if (!frame.tag) return 'untagged';
    const verdict = this.opener.open(frame.tag, frame.signed);
    if (verdict === 'ok') this.stats.accepted++;
    return verdict;
  }

  /**
   * Counts a refused frame. Returns true when this failure completes a burst (bad or missing tags
   * only: a replay is an authentic frame seen twice, as after a retransmission, never an attack on
   * its own), and the connection must end.
   */
  refuse(frame: Frame, reason: AuthRejection): boolean {
    this.stats.refused[reason]++;
    const type = frame.message.type;
    this.stats.refusedByType[type] = (this.stats.refusedByType[type] ?? 0) + 1;
    if (reason !== 'badTag' && reason !== 'untagged') return false;
    if (!this.burst.note()) return false;
    this.stats.bursts++;
    return true;
  }
}
