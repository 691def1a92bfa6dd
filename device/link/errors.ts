// Typed link errors. Every failure the operator may see carries a code the core can branch on and a
// message a clinician can act on; a NAK from the gun keeps the gun's own field name and wording.
import { nakName, type MessageOf, type NakName } from '../protocol/index.js';

export type LinkErrorCode =
  | 'timeout' // no reply after every retransmit, or a write that never completed
  | 'disconnected' // the port closed (unplug, write error, silence) while a request was waiting
  | 'stopped' // the link was stopped by its owner
  | 'nak' // the gun refused a request for a reason without a dedicated code (see `nak`)
  | 'out-of-limits' // a profile outside the gun's hard limits (see `field`)
  | 'cannot-arm' // the gun will not arm (no profile, blocking fault, needle not seated; see `field`)
  | 'protocol-version' // the gun speaks another protocol version
  | 'schema-mismatch' // same version, different message table
  | 'not-paired' // no key for this gun yet: pair it first
  | 'wrong-key' // the gun's proof does not match our key: another or a re-paired gun
  | 'pairing-code-wrong' // the code typed is not the one the gun shows
  | 'echo-mismatch' // the gun stored a profile other than the one sent
  | 'not-ready' // the link is not in a state that allows the request
  | 'unexpected-reply' // a reply of the wrong type for the request
  | 'port-not-found'
  | 'port-permission'
  | 'port-busy'
  | 'udev-missing';

export class LinkError extends Error {
  constructor(
    readonly code: LinkErrorCode,
    message: string,
    readonly detail: { field?: string; nak?: NakName } = {},
  ) {
    super(message);
    this.name = 'LinkError';
  }

  get field(): string | undefined {
    return this.detail.field;
  }
}

export function isLinkError(e: unknown, code?: LinkErrorCode): e is LinkError {
  return e instanceof LinkError && (code === undefined || e.code === code);
}

/** Errors that mean the connection itself is gone or broken, as opposed to a refused request. */
export function isConnectionLoss(e: unknown): boolean {
  return isLinkError(e) && (e.code === 'timeout' || e.code === 'disconnected');
}

/** Maps a gun's NAK to a LinkError, keeping the gun's field and message. */
export function nakToError(nak: MessageOf<'NAK'>, request: string): LinkError {
  const name = nakName(nak.code);
  const detail = { field: nak.field || undefined, nak: name };
  const said = nak.message ? `: ${nak.message}` : '';
  switch (name) {
    case 'outOfLimits':
      return new LinkError('out-of-limits', `The gun refused the profile, ${nak.field || 'a field'} is outside its limits${said}`, detail);
    case 'cannotArm':
      return new LinkError('cannot-arm', `The gun cannot arm (${nak.field || 'reason not given'})${said}`, detail);
    case 'pairingCodeWrong':
      return new LinkError('pairing-code-wrong', `The pairing code does not match the one the gun shows${said}`, detail);
    case 'notPaired':
      return new LinkError('not-paired', `The gun is not paired with this station${said}`, detail);
    case 'authFailed':
      return new LinkError('wrong-key', `The gun rejected this station's key (paired with another station?)${said}`, detail);
    case 'unsupportedVersion':
      return new LinkError('protocol-version', `The gun does not support this station's protocol version${said}`, detail);
    case 'notAuthenticated':
      return new LinkError('not-ready', `The gun has not authenticated this connection${said}`, detail);
    default:
      return new LinkError('nak', `The gun refused ${request} (${name ?? `code ${nak.code}`})${said}`, detail);
  }
}
