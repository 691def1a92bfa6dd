// Which station frames the gun takes (PROTOCOL.md, "Authenticated frames"). Without a session:
// untagged frames only (the handshake; requests that need authentication are then refused with
// notAuthenticated); a tagged frame is dropped. With one: frames whose tag verifies, a retransmission
// of the last request (answered from memory, never executed twice), and untagged only HELLO (a new
// connection) and DISARM (making the gun safe never needs a key). Everything else is refused and
// counted; a burst of bad or missing tags ends the session, and the gun disarms as on heartbeat loss.
import type { AuthRejection, Frame, FrameSession } from '../protocol/index.js';

export type GunAdmission = 'take' | 'repeat' | 'refused' | 'burst' | 'tagged-without-session';

export function admitStationFrame(
  frame: Frame,
  session: FrameSession | null,
  isRepeat: (frame: Frame, verdict: 'ok' | AuthRejection | 'no-session') => boolean,
): GunAdmission {
  if (!session && frame.tag) return 'tagged-without-session';
  const verdict = session ? session.check(frame) : 'no-session';
  if (isRepeat(frame, verdict)) return 'repeat';
  if (verdict === 'ok' || verdict === 'no-session') return 'take';
  const type = frame.message.type;
  if (verdict === 'untagged' && (type === 'HELLO' || type === 'DISARM')) return 'take';
  return session!.refuse(frame, verdict) ? 'burst' : 'refused';
}
