import { describe, expect, it } from 'vitest';
import { PATIENT_CODE_PATTERN, patientCode } from '../../../electron/core/exports/pseudonym.js';

describe('patientCode', () => {
  const secret = Buffer.alloc(32, 7);
  it('is stable for the same secret and id, and differs across ids and secrets', () => {
    expect(patientCode(secret, 42)).toBe(patientCode(Buffer.alloc(32, 7), 42));
    expect(patientCode(secret, 42)).not.toBe(patientCode(secret, 43));
    expect(patientCode(secret, 42)).not.toBe(patientCode(Buffer.alloc(32, 8), 42));
    expect(patientCode(secret, 42)).toMatch(PATIENT_CODE_PATTERN);
  });
  it('has no collisions over 100,000 patients', () => {
    const codes = new Set<string>();
    for (let i = 1; i <= 100_000; i++) codes.add(patientCode(secret, i));
    expect(codes.size).toBe(100_000);
  });
});
