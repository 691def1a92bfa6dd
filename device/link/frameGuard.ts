// Which frames from the gun the station takes, and the tags on what it sends (PROTOCOL.md,
// "Authenticated frames"). Before authentication only untagged frames are taken, and nothing in them
// reaches the station beyond the handshake (no status, no record, no fault). Once the gun has proved
// the key, the session keys exist and every frame must carry a tag that verifies, a counter not used
// before and inside the window; the only untagged frame still taken is the reply to a handshake
// request in flight (a NAK to AUTH_PROVE, say).
import {
  encodeFrame,
  FrameSession,
  isHandshake,
  newAuthStats,
  type AuthStats,
  type Frame,
  type Message,
  type RequestName,
  type SessionKeys,
} from '../protocol/index.js';

export type Admission =
  /** Take the frame. */
  | 'accept'
  /** Drop it quietly: the gun's session has not started yet (its STATUS crossing our AUTH_PROVE). */
  | 'ignore'
  /** Drop it and count it (stats.refused / refusedByType). */
  | 'refuse'
  /** Drop it: it completed a burst of bad or missing tags, and the connection must end. */
  | 'burst';

export class FrameGuard {
  /** Over every connection of this link. */
  readonly stats: AuthStats = newAuthStats();
  /** Tagged frames that arrived with no session to check them (an old session's, or forged). */
  taggedWithoutSession = 0;
  private session: FrameSession | null = null;
  /** Set by the first frame of the session that verifies: from then on nothing untagged is quiet. */
  private confirmed = false;

  constructor(private readonly now: () => number = Date.now) {}

  get active(): boolean {
    return this.session !== null;
  }

  /** The gun proved the link key: tag from now on, and check the gun's tags. */
  start(keys: SessionKeys): void {
    this.session = new FrameSession({ send: keys.stationToGun, receive: keys.gunToStation }, this.stats, this.now);
    this.confirmed = false;
  }

  end(): void {
    this.session = null;
    this.confirmed = false;
  }

  /** One frame to the gun: tagged when a session exists, except the handshake. */
  encode(message: Message, seq = 0): Uint8Array {
    const sealer = this.session && !isHandshake(message.type) ? this.session.sealer : undefined;
    return encodeFrame({ seq, message, sealer });
  }

  admit(frame: Frame, inFlight: { seq: number; type: RequestName } | null): Admission {
    const session = this.session;
    if (!session) {
      if (!frame.tag) return 'accept';
      this.taggedWithoutSession++;
      return 'ignore';
    }
    const verdict = session.check(frame);
    if (verdict === 'ok') {
      this.confirmed = true;
      return 'accept';
    }
    if (verdict === 'untagged') {
      if (inFlight && isHandshake(inFlight.type) && frame.ack === inFlight.seq) return 'accept';
      if (!this.confirmed) return 'ignore';
    }
    return session.refuse(frame, verdict) ? 'burst' : 'refuse';
  }
}
