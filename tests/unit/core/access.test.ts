// The access matrix: every method in CONTRACT, for each kind of caller, is allowed or refused exactly
// as its declared access says. Walks CONTRACT, so methods other areas add are covered automatically.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '../../../electron/contract/index.js';
import type { MethodSpec } from '../../../electron/contract/define.js';
import type { ConnectionContext } from '../../../electron/core/access/connection.js';
import { ACCESS_DENIED } from '../../../electron/core/dispatch.js';
import { CoreError } from '../../../electron/core/errors.js';
import { ADMIN, CLINICIAN, count, makeHarness, withUsers, type Harness } from './access.fixture.js';
import { sampleInput } from './access.samples.js';

type Caller = 'nobody' | 'clinician' | 'admin' | 'locked clinician';
const CALLERS: Caller[] = ['nobody', 'clinician', 'admin', 'locked clinician'];

type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'locked';

function expected(spec: MethodSpec, caller: Caller): Outcome {
  if (spec.access === 'public') return 'allowed';
  if (caller === 'nobody') return 'unauthenticated';
  if (caller === 'locked clinician') {
    if (!spec.options?.whenLocked) return 'locked';
    return spec.access.includes('clinician') ? 'allowed' : 'forbidden';
  }
  return spec.access.includes(caller) ? 'allowed' : 'forbidden';
}

/** Only the dispatcher's own refusals count: a handler's wrong-password 'unauthenticated' is not one. */
function outcomeOf(e: CoreError): Outcome | 'other' {
  if (e.code === 'unauthenticated' && e.message === ACCESS_DENIED.unauthenticated) return 'unauthenticated';
  if (e.code === 'locked' && e.message === ACCESS_DENIED.locked) return 'locked';
  if (e.code === 'forbidden' && /^a (clinician|admin) may not do this/.test(e.message)) return 'forbidden';
  return 'other';
}

const methods = Object.entries(CONTRACT as Record<string, MethodSpec>);

describe('access matrix over every contract method', () => {
  it('has methods of each access kind', () => {
    expect(methods.some(([, s]) => s.access === 'public')).toBe(true);
    expect(methods.some(([, s]) => s.access !== 'public' && !s.access.includes('clinician'))).toBe(true);
    expect(methods.some(([, s]) => s.access !== 'public' && s.access.includes('clinician'))).toBe(true);
  });

  for (const [name, spec] of methods) {
    describe(name, () => {
      for (const caller of CALLERS) {
        const want = expected(spec, caller);
        it(`${caller}: ${want}`, async () => {
          // A fresh station per case: an allowed call may change state (log out, reset a password).
          const h: Harness = makeHarness();
          try {
            const { admin, clinician } = await withUsers(h);
            const conn: ConnectionContext = caller === 'nobody' ? h.station.newConnection() : caller === 'admin' ? admin : clinician;
            if (caller === 'locked clinician') await h.call(clinician, 'auth.lock');
            const input = sampleInput(name, spec.input, { password: caller === 'admin' ? ADMIN.password : CLINICIAN.password });
            expect(input, `no minimal valid input found for ${name}: add one to SAMPLE_OVERRIDES in access.samples.ts`).not.toBeUndefined();
            expect(spec.input.safeParse(input).success, `the sample input for ${name} does not parse`).toBe(true);

            let got: Outcome | 'other' = 'allowed';
            let error: CoreError | undefined;
            try {
              await h.station.dispatch(conn, name, input);
            } catch (e) {
              if (!(e instanceof CoreError)) throw e;
              error = e;
              got = outcomeOf(e);
            }
            if (want === 'allowed') {
              // Allowed means the dispatcher let it through; the handler may still refuse on the merits.
              expect(got === 'allowed' || got === 'other', `${name} as ${caller}: ${error?.code} ${error?.message}`).toBe(true);
              expect(error?.code, `${name} as ${caller} failed internally: ${error?.message}`).not.toBe('internal');
              expect(error?.code, `${name} as ${caller}: sample input refused: ${error?.message}`).not.toBe('validation');
            } else {
              expect(got, `${name} as ${caller}: ${error?.code} ${error?.message}`).toBe(want);
            }
            expect(h.logged).toEqual([]);
          } finally {
            h.close();
          }
        });
      }
    });
  }
});

describe('refusals change nothing', () => {
  let h: Harness;
  let clinician: ConnectionContext;
  beforeAll(async () => {
    h = makeHarness();
    ({ clinician } = await withUsers(h));
  });
  afterAll(() => h.close());

  it('a clinician cannot create users, reset passwords, change settings or read the audit trail', async () => {
    const before = [count(h, 'users'), count(h, 'audit_log')];
    for (const [method, input] of [
      ['users.create', { username: 'eve', displayName: 'Eve', role: 'admin', password: 'long enough pass' }],
      ['users.resetPassword', { userId: 1, newPassword: 'long enough pass' }],
      ['settings.update', { changes: { autoLockMinutes: 60 } }],
      ['audit.list', {}],
    ] as const) {
      expect((await h.fail(clinician, method, input)).code).toBe('forbidden');
    }
    expect([count(h, 'users'), count(h, 'audit_log')]).toEqual(before);
    expect(h.settings.get('autoLockMinutes')).toBe(5);
  });
});
