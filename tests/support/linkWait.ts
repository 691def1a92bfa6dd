// Waiting helpers for link tests: wait for a state, or for a condition, with a deadline that fails the
// test with a clear message instead of hanging it; and "pair until ready", the one way tests pair.
import type { GunLink, LinkState } from '../../device/link/index.js';

export async function waitUntil(what: string, cond: () => boolean, timeoutMs = 10_000, pollMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}

export function waitForState(link: Pick<GunLink, 'state'>, state: LinkState, timeoutMs = 10_000): Promise<void> {
  return waitUntil(`link state ${state} (now ${link.state})`, () => link.state === state, timeoutMs);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A gun that shows a pairing code: the simulator (any layer), or a scripted one. */
export interface ShowsPairingCode {
  once(event: 'pairing-code', listener: (code: string) => void): unknown;
}

/**
 * Waits until the link can pair (a new gun, or one refused for holding another key), pairs with the
 * code the gun shows, and waits until the link is ready (authenticated and synced).
 */
export async function pairUntilReady(link: GunLink, gun: ShowsPairingCode, timeoutMs = 10_000): Promise<void> {
  const canPair = () => link.state === 'awaiting-pairing' || (link.state === 'refused' && link.refusal?.code === 'wrong-key');
  await waitUntil(`link able to pair (now ${link.state})`, canPair, timeoutMs);
  const code = new Promise<string>((resolve) => gun.once('pairing-code', resolve));
  await link.beginPairing();
  await link.pair(await code);
  await waitForState(link, 'ready', timeoutMs);
}
