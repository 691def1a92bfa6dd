// One per window (Electron) or per socket (browser host). It holds the login's id, so the
// token never travels through the renderer: a compromised page can only ask, not impersonate.
import { randomUUID } from 'node:crypto';

export interface ConnectionContext {
  readonly id: string;
  /** Set by login, cleared by logout; only the core writes it. */
  loginId: string | null;
}

export function newConnection(): ConnectionContext {
  return { id: randomUUID(), loginId: null };
}
