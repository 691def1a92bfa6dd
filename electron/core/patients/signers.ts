// Signatures the clinical-record services need from the users area: a member of staff's own
// password as an electronic signature, and a second member of staff (a witness) signing at this
// station. UsersService satisfies it through signersFromUsers; tests pass a fake.
import type { Actor } from '../access/actor.js';
import type { SignatureMeaning } from '../users/service.js';

export interface SignerPort {
  /** A second member of staff typing their user name and password here (a witness); rejects when wrong. */
  authenticate(username: string, password: string): Promise<Actor>;
  /** The caller's own password as an e-signature with this meaning; rejects when wrong. */
  verify(actor: Actor, password: string, meaning: SignatureMeaning): Promise<unknown>;
}

export function signersFromUsers(users: {
  authenticateSigner(username: string, password: string): Promise<Actor>;
  verifySignature(actor: Actor, password: string, meaning: SignatureMeaning): Promise<unknown>;
}): SignerPort {
  return { authenticate: (u, p) => users.authenticateSigner(u, p), verify: (a, p, m) => users.verifySignature(a, p, m) };
}
