// A refinement that names its reason code is refused with that code and its field, so the screen
// can word the rule in the reader's language; one that names none is "not valid", marking the field.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { exportsRunInput } from '../../../electron/contract/exports.js';
import { email, isoDate as birthDate, phone } from '../../../electron/contract/patients.js';
import { validationError } from '../../../electron/core/validation.js';

function refusal(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected a refusal');
  return validationError(r.error, input);
}

describe('refinement reasons', () => {
  it('a lot recall without its lot is refused as export.lot-needed on filters.lotNumber', () => {
    const e = refusal(exportsRunInput, { outputs: ['recall_csv'] });
    expect(e.reason).toEqual({ code: 'export.lot-needed', params: { field: 'filters.lotNumber' } });
    expect(e.field).toBe('filters.lotNumber');
  });

  it('a phone number in the wrong form, or not a number of its country, and a birth date out of range, each have their own code', () => {
    const contact = z.strictObject({ phone });
    expect(refusal(contact, { phone: '0532 123' }).reason?.code).toBe('validation.phone-format');
    expect(refusal(contact, { phone: '+90 1' }).reason?.code).toBe('validation.phone-invalid');
    const born = z.strictObject({ birthDate });
    expect(refusal(born, { birthDate: '2023-02-30' }).reason?.code).toBe('validation.not-a-date');
    expect(refusal(born, { birthDate: '1850-01-01' }).reason).toEqual({ code: 'validation.date-range', params: { minDate: '1900-01-01', maxDate: '2199-12-31', field: 'birthDate' } });
    expect(refusal(z.strictObject({ email }), { email: 'not-mail' }).reason?.code).toBe('validation.email');
  });

  it('a refinement with no code, or a code not on the list, is validation.invalid', () => {
    const plain = z.strictObject({ n: z.number().refine((n) => n % 2 === 0, 'must be even') });
    expect(refusal(plain, { n: 3 }).reason?.code).toBe('validation.invalid');
    const made = z.strictObject({ n: z.number().refine((n) => n % 2 === 0, { message: 'must be even', params: { reason: 'no.such-code' } }) });
    expect(refusal(made, { n: 3 }).reason?.code).toBe('validation.invalid');
  });
});
