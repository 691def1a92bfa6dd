// Minimal valid inputs for any contract method, derived from its zod schema (through its JSON schema),
// so the access test covers methods other areas add without editing it. A method whose schema this
// cannot satisfy (a refine the JSON schema cannot express) gets an entry in SAMPLE_OVERRIDES.
import { z } from 'zod';
import { ADMIN } from './access.fixture.js';

const SERUM = {
  name: 'Access-test blend',
  components: ['Biotin'],
  allergens: [],
  notes: '',
  dose: { hardMinNl: 5_000, softMinNl: 10_000, softMaxNl: 40_000, hardMaxNl: 80_000 },
  depth: { hardMinUm: 500, softMinUm: 1_000, softMaxUm: 3_000, hardMaxUm: 4_000 },
  zoneVolume: { softMaxNl: 600_000, hardMaxNl: 1_000_000 },
  sessionVolume: { softMaxNl: 3_000_000, hardMaxNl: 5_000_000 },
  allowedModes: ['papule', 'nappage'],
  minDaysBetweenSessions: 7,
  maxDaysBetweenSessions: 30,
  defaultProfile: { doseNl: 20_000, entryPct: 0, dwellPct: 100, exitPct: 0, depthUm: 2_000, mode: 'papule' },
};

type Js = Record<string, unknown>;

export interface SampleContext {
  /** The password of whoever is calling (for methods that re-check it). */
  password: string;
}

/** Inputs the generator cannot find, or for which a generated value would be refused for a non-access reason that shares an access error code. */
export const SAMPLE_OVERRIDES: Record<string, (c: SampleContext) => unknown> = {
  'auth.login': () => ({ username: ADMIN.username, password: ADMIN.password }),
  'auth.unlock': (c) => ({ password: c.password }),
  'auth.setLanguage': () => ({ language: 'tr' }),
  'patientSheet.make': () => ({ sessionId: 1 }),
  'auth.changePassword': (c) => ({ currentPassword: c.password, newPassword: 'a brand new password' }),
  'patients.create': () => ({ fullName: 'A B', birthDate: '1980-01-01', sex: 'male' }),
  'patients.recordGrade': () => ({ patientId: 1, visitDate: '2025-01-15', scale: 'ludwig', grade: 'II' }),
  'patients.addAllergy': () => ({ patientId: 1, name: 'lidokain', reason: 'access test' }),
  // The caller's own password: a wrong one would be a handler's 'unauthenticated', not an access refusal.
  'serum.approveExample': (c) => ({ serumId: 1, password: c.password }),
  'consents.record': () => ({ patientId: 1, templateVersionId: 1, signature: { kind: 'drawn', width: 400, height: 150, strokes: [[[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]] } }),
  'gun.pair': () => ({ code: '123456' }),
  // An unknown job is 'not-found' for an admin: enough to tell access apart.
  'exports.progress': () => ({ jobId: '0123456789abcdef' }),
  'exports.cancel': () => ({ jobId: '0123456789abcdef' }),
  'serum.drafts.create': () => SERUM,
  // The caller's own password, so that an allowed call fails (if at all) on the merits: no such draft.
  'serum.drafts.approve': (c) => ({ draftId: 1, password: c.password }),
  'serum.retire': (c) => ({ serumId: 1, reason: 'access test', password: c.password }),
  'review.sign': (c) => ({ itemId: 'limit_event:1', disposition: 'no-action', comment: 'access test', password: c.password }),
  'review.assignDose': (c) => ({ doseRecordId: 1, sessionId: 1, zone: 'frontal', reason: 'access test', password: c.password }),
  'reasonCodes.create': () => ({ code: 'access-test', label: 'Access test', uses: ['override'] }),
  'audit.export': () => ({ formats: ['csv', 'json'] }),
};

const STRING_FORMATS: Record<string, string> = {
  'date-time': '2025-01-15T09:00:00.000Z',
  date: '2025-01-15',
  time: '09:00:00',
  email: 'someone@example.com',
  uuid: '00000000-0000-4000-8000-000000000000',
  uri: 'https://example.com/',
};

function stringSample(js: Js): string | undefined {
  const min = typeof js.minLength === 'number' ? js.minLength : 0;
  const max = typeof js.maxLength === 'number' ? js.maxLength : Infinity;
  const pattern = typeof js.pattern === 'string' ? new RegExp(js.pattern) : undefined;
  const len = Math.max(min, 1);
  const candidates = [
    typeof js.format === 'string' ? STRING_FORMATS[js.format] : undefined,
    js.contentEncoding === 'base64' ? 'AAAA'.repeat(Math.max(1, Math.ceil(min / 4))) : undefined,
    'a'.repeat(len),
    'abcd'.padEnd(len, 'a'),
    '0'.repeat(Math.max(len, 4)),
    'A'.repeat(len),
    '2025-01-15',
    'AB-1234',
    'en',
  ];
  return candidates.find((c): c is string => c !== undefined && c.length >= min && c.length <= max && (!pattern || pattern.test(c)));
}

function numberSample(js: Js, integer: boolean): number {
  let lo = typeof js.minimum === 'number' ? js.minimum : typeof js.exclusiveMinimum === 'number' ? js.exclusiveMinimum + (integer ? 1 : 0.5) : 1;
  if (integer) lo = Math.ceil(lo);
  const hi = typeof js.maximum === 'number' ? js.maximum : typeof js.exclusiveMaximum === 'number' ? js.exclusiveMaximum - 1 : Infinity;
  return Math.min(lo, hi);
}

function generate(js: Js, root: Js): unknown {
  if (typeof js.$ref === 'string') {
    const name = js.$ref.replace(/^#\/(\$defs|definitions)\//, '');
    const defs = (root.$defs ?? root.definitions ?? {}) as Record<string, Js>;
    return defs[name] ? generate(defs[name], root) : undefined;
  }
  if ('const' in js) return js.const;
  if (Array.isArray(js.enum)) return js.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = js[key];
    if (Array.isArray(options)) for (const o of options as Js[]) if (o.type !== 'null') return generate(o, root);
  }
  if (Array.isArray(js.allOf)) return generate(Object.assign({}, ...(js.allOf as Js[])) as Js, root);
  const type = Array.isArray(js.type) ? (js.type as string[]).find((t) => t !== 'null') : js.type;
  switch (type) {
    case 'object': {
      const props = (js.properties ?? {}) as Record<string, Js>;
      const required = (js.required ?? []) as string[];
      return Object.fromEntries(required.map((k) => [k, generate(props[k] ?? {}, root)]));
    }
    case 'array':
      return Array.from({ length: typeof js.minItems === 'number' ? js.minItems : 0 }, () => generate((js.items ?? {}) as Js, root));
    case 'string':
      return stringSample(js);
    case 'integer':
      return numberSample(js, true);
    case 'number':
      return numberSample(js, false);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return undefined;
  }
}

/** A minimal input the schema accepts, or undefined when none was found. */
export function sampleInput(method: string, schema: z.ZodType, context: SampleContext): unknown {
  const override = SAMPLE_OVERRIDES[method];
  if (override) return override(context);
  let js: Js;
  try {
    js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Js;
  } catch {
    return undefined;
  }
  const sample = generate(js, js);
  return schema.safeParse(sample).success ? sample : undefined;
}
