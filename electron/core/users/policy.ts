// The password policy, enforced in the core (the contract's schema says the same, so the form can
// tell the user early; a direct caller of the service is held to it too).
import { PASSWORD_MIN_LENGTH } from '../../contract/users.js';
import { refused } from '../errors.js';

export function checkPasswordPolicy(password: string, username: string, field: string): void {
  if ([...password].length < PASSWORD_MIN_LENGTH) throw refused('validation', { code: 'password.too-short', params: { min: PASSWORD_MIN_LENGTH } }, `${field}: too short (min ${PASSWORD_MIN_LENGTH} characters)`, field);
  if (password.length > 256) throw refused('validation', { code: 'password.too-long', params: { max: 256 } }, `${field}: too long (max 256 characters)`, field);
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) throw refused('validation', { code: 'password.is-username' }, `${field}: must not be the user name`, field);
}
