// The error a synchronous call throws, of the class a test expects: fails the test if the call
// returned, and passes on anything else it threw (so an unexpected error is reported as itself).

/** The `Class` error `fn` throws; fails if `fn` returned or threw something else. */
export function thrownBy<E extends Error>(fn: () => unknown, Class: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof Class) return error;
    throw error;
  }
  throw new Error(`expected a ${Class.name}, but the call returned`);
}
