// The station's own checks on a command before and after the gun sees it: a budget is refused, never
// clamped (a wrong budget is a station bug, and clamping could raise it); a profile must come back
// exactly as sent before anything is armed with it.
import { profileFromWire, sameProfile, type DoseProfile, type MessageOf } from '../protocol/index.js';
import { LinkError } from './errors.js';

const U32_MAX = 0xffff_ffff;

/** Why ARM with this budget must not be sent, or null. Needs a profile echoed on this connection. */
export function armRefusal(budgetNl: number, profile: DoseProfile | null): LinkError | null {
  if (!profile) return new LinkError('not-ready', 'Set the dose profile before arming: the gun must echo it back on this connection', { field: 'profile' });
  if (!Number.isInteger(budgetNl) || budgetNl < 0 || budgetNl > U32_MAX)
    return new LinkError('cannot-arm', `The volume budget must be a whole number of nL from 0 to ${U32_MAX} (got ${budgetNl})`, { field: 'budgetNl' });
  if (budgetNl < profile.doseNl)
    return new LinkError('cannot-arm', `The volume budget ${budgetNl / 1000} uL is less than one ${profile.doseNl / 1000} uL shot`, { field: 'budgetNl' });
  return null;
}

/** The profile the gun stored, when it equals the one sent; otherwise the error naming what differs. */
export function checkEcho(sent: DoseProfile, echo: Omit<MessageOf<'PROFILE_ECHO'>, 'type'>): DoseProfile | LinkError {
  const stored = profileFromWire(echo);
  if (stored && sameProfile(stored, sent)) return stored;
  const differ = stored ? (Object.keys(sent) as (keyof DoseProfile)[]).filter((k) => sent[k] !== stored[k]) : ['mode'];
  return new LinkError('echo-mismatch', `The gun stored a different profile than sent (${differ.join(', ')}); do not arm`, { field: differ[0] });
}
