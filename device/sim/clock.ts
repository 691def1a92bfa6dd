// The simulator's notion of time, injectable so unit tests can drive it with vitest fake timers
// (or any scripted clock). The default looks the globals up on every call, not once at import, so
// timers installed by `vi.useFakeTimers()` after construction are still the ones used.

export type TimerHandle = unknown;

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  setInterval(fn: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle): void;
}

/** Timers are unref'd: a simulator somebody forgot to close must not keep a test process alive. */
function unref(handle: unknown): unknown {
  if (handle && typeof handle === 'object' && 'unref' in handle && typeof handle.unref === 'function') handle.unref();
  return handle;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => unref(globalThis.setTimeout(fn, ms)),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => unref(globalThis.setInterval(fn, ms)),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
};
