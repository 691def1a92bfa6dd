// afterEach teardown for tests that start links, guns, sinks and folders: everything registered is
// stopped after each test, last first, even when an assertion failed halfway. No test stops its own
// link by hand (a failing assertion before that line would leave it running into the next test).
import { afterEach } from 'vitest';

export type Stop = () => unknown;

/** Registers an afterEach in the calling file; returns the function that registers what to stop. */
export function useTeardown(): (stop: Stop) => void {
  const stops: Stop[] = [];
  afterEach(async () => {
    const errors: unknown[] = [];
    for (const stop of stops.splice(0).reverse()) {
      try {
        await stop();
      } catch (e) {
        errors.push(e);
      }
    }
    if (errors.length > 0) throw errors[0];
  });
  return (stop) => void stops.push(stop);
}
