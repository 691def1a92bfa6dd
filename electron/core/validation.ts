// Turns a zod failure into one CoreError a person can act on: the field path and what is wrong with
// it ("patient.lastName: too long (max 100)"), never zod's internal wording where we can help it.
import type { z } from 'zod';
import { REASON_CODES, type Reason, type ReasonCode, type ReasonParams } from '../contract/reasons.js';
import { CoreError, refused } from './errors.js';

type Issue = z.core.$ZodIssue;

function joinPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

type Described = { text: string; reason: Reason };

const isReasonCode = (x: unknown): x is ReasonCode => typeof x === 'string' && (REASON_CODES as readonly string[]).includes(x);

function describe(issue: Issue, input: unknown): Described {
  const r = (text: string, code: ReasonCode, params: ReasonParams = {}): Described => ({ text, reason: { code, params } });
  switch (issue.code) {
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return r(`too long (max ${max} characters)`, 'validation.too-long', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return r(`too many items (max ${max})`, 'validation.too-many', { max });
      return issue.inclusive === false ? r(`must be less than ${max}`, 'validation.below', { max }) : r(`must be at most ${max}`, 'validation.at-most', { max });
    }
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return issue.minimum === 1 ? r('must not be empty', 'validation.empty') : r(`too short (min ${min} characters)`, 'validation.too-short', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return r(`too few items (min ${min})`, 'validation.too-few', { min });
      return issue.inclusive === false ? r(`must be more than ${min}`, 'validation.above', { min }) : r(`must be at least ${min}`, 'validation.at-least', { min });
    }
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined ? r('required', 'validation.required') : r(`expected ${issue.expected}`, 'validation.wrong-type', { expected: issue.expected });
    case 'invalid_value':
      return r(`must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`, 'validation.one-of', { values: issue.values.map((v) => String(v)).join(', ') });
    case 'invalid_format':
      if (issue.format === 'regex') return r(issue.message.startsWith('Invalid') ? 'has the wrong format' : issue.message, 'validation.wrong-format');
      if (issue.format === 'datetime') return r('must be an ISO date and time, e.g. 2025-01-31T09:30:00Z', 'validation.date-time');
      if (issue.format === 'email') return r('is not a valid e-mail address', 'validation.email');
      return r(`must be ${issue.format}`, 'validation.wrong-format');
    case 'not_multiple_of':
      return r(`must be a multiple of ${String(issue.divisor)}`, 'validation.multiple-of', { divisor: Number(issue.divisor) });
    default:
      // A refinement that names its reason (`params: { reason }`, a listed code) is refused with it;
      // any other refinement's own words stay in the log, and the screen says the value is not valid
      // and marks the field.
      if (issue.code === 'custom' && isReasonCode(issue.params?.reason)) {
        const { reason, ...params } = issue.params as { reason: ReasonCode } & ReasonParams;
        return r(issue.message, reason, params);
      }
      return r(issue.message, 'validation.invalid');
  }
}

/** One CoreError for a zod failure: the first issue's reason (with the field), every issue in the log message. */
export function validationError(error: z.ZodError, input: unknown): CoreError {
  const parts: { field: string; text: string; reason: Reason }[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) parts.push({ field: joinPath([...issue.path, key]), text: 'unknown field', reason: { code: 'validation.unknown-field' } });
      continue;
    }
    parts.push({ field: joinPath(issue.path), ...describe(issue, input) });
  }
  const first = parts[0];
  const message = parts.map((p) => (p.field ? `${p.field}: ${p.text}` : `input: ${p.text}`)).join('; ') || 'invalid input';
  const reason: Reason = first ? { code: first.reason.code, params: { ...first.reason.params, field: first.field || null } } : { code: 'validation.invalid', params: { field: null } };
  return refused('validation', reason, message, first?.field || undefined);
}
