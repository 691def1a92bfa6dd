// A last line of defence: whatever a caller passes, secrets never reach the audit trail (it is
// exported and read by reviewers). Callers should not pass them in the first place.
const SECRET_KEY = /password|passphrase|hash|salt|secret|token|key$/i;

export const REDACTED = '[redacted]';

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    // A boolean says whether, never what ({ mustChangePassword: true }), so it cannot carry a secret.
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && typeof v !== 'boolean' ? REDACTED : redactSecrets(v);
    return out;
  }
  return value;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
