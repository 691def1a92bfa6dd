// Small waiting helpers for link integration tests: wait for a state, or for a condition, with a
// deadline that fails the test with a clear message instead of hanging it.
import type { GunLink } from '../../device/link/GunLink.js';
import type { LinkState } from '../../device/link/types.js';

export async function waitUntil(what: string, cond: () => boolean, timeoutMs = 10_000, pollMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export function waitForState(link: GunLink, state: LinkState, timeoutMs = 10_000): Promise<void> {
  return waitUntil(`link state ${state} (now ${link.state})`, () => link.state === state, timeoutMs);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
