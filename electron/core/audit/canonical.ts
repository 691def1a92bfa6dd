// Canonical JSON: keys sorted at every depth, no whitespace, so the same value always hashes the same
// no matter how the object was built. Only plain JSON values are accepted; anything else (a Date, a
// Buffer, a function, NaN) would serialise ambiguously and is refused where it is written.
import { isPlainObject } from './redact.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value, ''));
}

function normalise(value: unknown, path: string): Json {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`audit value ${path || '(root)'} is not a finite number`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => normalise(v, `${path}[${i}]`));
  if (isPlainObject(value)) {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value).sort()) {
      const v = value[key];
      if (v === undefined) continue;
      out[key] = normalise(v, path ? `${path}.${key}` : key);
    }
    return out;
  }
  throw new TypeError(`audit value ${path || '(root)'} is not plain JSON`);
}
