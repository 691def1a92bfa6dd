// Reasons, audit actors and interruptions as elements, for places that cannot call a hook (a table's
// column declared once at module level): each renders the window's words as plain text.
import type { Reason } from '../electron/contract/reasons.js';
import { useReasonText } from './reasons.js';

export function ReasonWords({ reason }: { reason: Reason }) {
  return <>{useReasonText().reason(reason)}</>;
}

export function ActorName({ username }: { username: string | null }) {
  return <>{useReasonText().actor(username)}</>;
}
