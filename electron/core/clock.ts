// Injected so tests can move time (auto-lock, course due dates, timers) without sleeping.
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
