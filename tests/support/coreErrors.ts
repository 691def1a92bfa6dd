// The one way a test expects a refusal from the core: the CoreError's code and, where it matters, its
// reason code and parameters (the renderer words those, so tests assert them rather than the prose).
// A station that refuses to start says why with a StartRefusal: startRefusal() catches that one.
import { expect } from 'vitest';
import type { ReasonCode } from '../../electron/contract/reasons.js';
import { CoreError } from '../../electron/core/errors.js';
import { StartRefusal } from '../../electron/core/startup/errors.js';
import { thrownBy } from './thrown.js';

export interface ExpectedRefusal {
  /** The reason's code, e.g. 'limit.soft'. */
  reason?: ReasonCode;
  /** Parameters the reason must carry (a subset: others may be present). */
  params?: Record<string, unknown>;
  /** The input field named as the cause. */
  field?: string;
}

/**
 * Resolves with the CoreError `p` refused with (a promise, or a function that throws or rejects);
 * fails the test if it succeeded or threw something else. For a test that reads the refusal itself;
 * most tests say what they expect with expectCoreError.
 */
export async function refusal(p: Promise<unknown> | (() => unknown), expectedCode?: string): Promise<CoreError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error(`expected ${expectedCode ? `CoreError ${expectedCode}` : 'a CoreError'}, but it succeeded`);
}

/**
 * Resolves with the CoreError `p` refused with (a promise, or a function that throws or rejects);
 * fails the test if it succeeded, threw something else, or the refusal is not the one expected.
 */
export async function expectCoreError(p: Promise<unknown> | (() => unknown), code: string, expected?: ReasonCode | ExpectedRefusal): Promise<CoreError> {
  const want: ExpectedRefusal = typeof expected === 'string' ? { reason: expected } : (expected ?? {});
  const error = await refusal(p, code);
  expect(error.code, error.message).toBe(code);
  if (want.reason !== undefined) expect(error.reason?.code, error.message).toBe(want.reason);
  if (want.params !== undefined) expect(error.reason?.params ?? {}).toMatchObject(want.params);
  if (want.field !== undefined) expect(error.field).toBe(want.field);
  return error;
}

/** The StartRefusal `fn` throws (a station that will not open); fails the test if it opened or threw something else. */
export function startRefusal(fn: () => unknown): StartRefusal {
  return thrownBy(fn, StartRefusal);
}
