// Turns a zod failure into one CoreError a person can act on: the field path and what is wrong with
// it ("patient.lastName: too long (max 100)"), never zod's internal wording where we can help it.
import type { z } from 'zod';
import { CoreError } from './errors.js';

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

function describe(issue: Issue, input: unknown): string {
  switch (issue.code) {
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `too long (max ${max} characters)`;
      if (issue.origin === 'array' || issue.origin === 'set') return `too many items (max ${max})`;
      return issue.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return issue.minimum === 1 ? 'must not be empty' : `too short (min ${min} characters)`;
      if (issue.origin === 'array' || issue.origin === 'set') return `too few items (min ${min})`;
      return issue.inclusive === false ? `must be more than ${min}` : `must be at least ${min}`;
    }
    case 'invalid_type':
      return valueAt(input, issue.path) === undefined ? 'required' : `expected ${issue.expected}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      if (issue.format === 'regex') return issue.message.startsWith('Invalid') ? 'has the wrong format' : issue.message;
      if (issue.format === 'datetime') return 'must be an ISO date and time, e.g. 2025-01-31T09:30:00Z';
      return `must be ${issue.format}`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(issue.divisor)}`;
    default:
      return issue.message;
  }
}

export function validationError(error: z.ZodError, input: unknown): CoreError {
  const parts: { field: string; text: string }[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) parts.push({ field: joinPath([...issue.path, key]), text: 'unknown field' });
      continue;
    }
    parts.push({ field: joinPath(issue.path), text: describe(issue, input) });
  }
  const first = parts[0];
  const message = parts.map((p) => (p.field ? `${p.field}: ${p.text}` : `input: ${p.text}`)).join('; ') || 'invalid input';
  return new CoreError('validation', message, first?.field || undefined);
}
