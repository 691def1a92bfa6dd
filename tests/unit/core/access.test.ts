// The access matrix: every method in CONTRACT, for each kind of caller, is allowed or refused exactly
// as the table below says. The table is written out by hand, not derived from the contract's own
// declarations, so a method declared with the wrong roles fails here; a method missing from the table
// fails too, so every new method is classified deliberately.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '../../../electron/contract/index.js';
import type { MethodSpec, Role } from '../../../electron/contract/define.js';
import type { ConnectionContext } from '../../../electron/core/access/connection.js';
import { ACCESS_DENIED } from '../../../electron/core/dispatch.js';
import { CoreError } from '../../../electron/core/errors.js';
import { ADMIN, CLINICIAN, CLINICIAN_FIRST_PASSWORD, count, makeHarness, withUsers, type Harness } from './access.fixture.js';
import { sampleInput } from './access.samples.js';

type Access = 'public' | 'clinician+admin' | 'admin' | 'clinician';

/** Who may call each method. Add a row for every new method, choosing its access on purpose. */
const EXPECTED_ACCESS: Record<string, Access> = {
  'setup.status': 'public',
  'setup.createAdmin': 'public',
  'auth.login': 'public',
  'auth.logout': 'clinician+admin',
  'auth.lock': 'clinician+admin',
  'auth.unlock': 'clinician+admin',
  // Input seen by a window: activity for auto-lock (any logged-in user, a password change pending too).
  'auth.activity': 'clinician+admin',
  'auth.whoami': 'public',
  'auth.changePassword': 'clinician+admin',
  'auth.setLanguage': 'clinician+admin',
  'patientSheet.make': 'clinician+admin',
  'users.list': 'admin',
  'users.create': 'admin',
  'users.resetPassword': 'admin',
  'users.disable': 'admin',
  'users.enable': 'admin',
  'audit.list': 'admin',
  'audit.verify': 'admin',
  'audit.verifyDoses': 'admin',
  'audit.facets': 'admin',
  'audit.export': 'admin',
  'settings.get': 'clinician+admin',
  'settings.update': 'admin',
  'settings.forgetGun': 'admin',
  'patients.list': 'clinician+admin',
  'patients.get': 'clinician+admin',
  'patients.create': 'clinician+admin',
  'patients.update': 'clinician+admin',
  'patients.recordScreening': 'clinician+admin',
  'patients.recordGrade': 'clinician+admin',
  'patients.addAllergy': 'clinician+admin',
  'patients.removeAllergy': 'clinician+admin',
  // Consent forms are the admins'; a clinician records and withdraws a patient's consent.
  'consents.templates': 'clinician+admin',
  'consents.saveTemplate': 'admin',
  'consents.record': 'clinician+admin',
  'consents.withdraw': 'clinician+admin',
  'plans.get': 'clinician+admin',
  'plans.draft': 'clinician+admin',
  'plans.save': 'clinician+admin',
  'courses.templates': 'clinician+admin',
  'courses.updateTemplate': 'admin',
  'courses.enrol': 'clinician+admin',
  'courses.forPatient': 'clinician+admin',
  'courses.dueToday': 'clinician+admin',
  'serum.list': 'clinician+admin',
  'serum.get': 'clinician+admin',
  // Admins approve example serums and receive, quarantine and recall lots; clinicians choose from received lots.
  'serum.approveExample': 'admin',
  // Two-person governance: any admin drafts, withdraws, approves (never their own draft: the core
  // refuses that) and retires; anyone who reads the library may compare its versions.
  'serum.drafts.list': 'admin',
  'serum.drafts.create': 'admin',
  'serum.drafts.withdraw': 'admin',
  'serum.drafts.approve': 'admin',
  'serum.diff': 'clinician+admin',
  'serum.retire': 'admin',
  'serum.lots.list': 'clinician+admin',
  'serum.lots.receive': 'admin',
  'serum.lots.setStatus': 'admin',
  'serum.lots.recipients': 'admin',
  // The session workflow is the treating clinician's; an admin may stop the gun, abort, annotate, read.
  'sessions.start': 'clinician',
  'sessions.shots': 'clinician+admin',
  'sessions.get': 'clinician+admin',
  'sessions.active': 'clinician+admin',
  'sessions.thermo.start': 'clinician',
  'sessions.thermo.pause': 'clinician',
  'sessions.thermo.resume': 'clinician',
  'sessions.thermo.check': 'clinician',
  'sessions.thermo.complete': 'clinician',
  'sessions.thermo.skip': 'clinician',
  'sessions.prepare': 'clinician',
  'sessions.setProfile': 'clinician',
  'sessions.selectZone': 'clinician',
  'sessions.arm': 'clinician',
  'sessions.disarm': 'clinician+admin',
  'sessions.ackSoftLimit': 'clinician',
  'sessions.closing': 'clinician',
  'sessions.sign': 'clinician',
  'sessions.abort': 'clinician+admin',
  'sessions.addendum': 'clinician+admin',
  'sessions.list': 'admin',
  // A clinician reads a patient's past sessions before treating.
  'sessions.history': 'clinician+admin',
  'ledger.unattributed': 'admin',
  // No patient data: shown on every screen, the login screen included.
  'gun.status': 'public',
  'gun.beginPairing': 'admin',
  'gun.pair': 'admin',
  'gun.paired': 'admin',
  // The stop works from every state: signed in, locked, a password change pending, the login screen.
  // Any connection the host trusts may press it; the audit names who (or "station (locked)").
  'gun.disarm': 'public',
  'exports.run': 'admin',
  'exports.progress': 'admin',
  'exports.cancel': 'admin',
  // Admins keep the coded-reason list; clinicians choose from it when they override, skip, shorten or abort.
  'reasonCodes.list': 'clinician+admin',
  'reasonCodes.create': 'admin',
  'reasonCodes.update': 'admin',
  'reasonCodes.setRetired': 'admin',
  // Quality review is the admins' (it names every clinician's overrides and stops).
  'quality.rates': 'admin',
  'quality.drill': 'admin',
  'quality.reasonCounts': 'admin',
  'quality.csv': 'admin',
  'review.list': 'admin',
  'review.counts': 'admin',
  'review.sign': 'admin',
  'review.assignCandidates': 'admin',
  'review.assignDose': 'admin',
  // Training mode: offered on the "no gun found" screen before anyone logs in; the trigger is the
  // simulated gun's own (refused outside training mode, whoever calls).
  'training.status': 'public',
  'training.enter': 'public',
  'training.leave': 'public',
  'training.trigger': 'public',
};

/** Rows for methods being added by other work at the time of writing; remove a name once it is in CONTRACT. */
const NOT_YET_IN_CONTRACT = new Set<string>([]);

/** Callable by a locked session (only these get out of that state). */
const WHEN_LOCKED = new Set(['auth.logout', 'auth.unlock']);
/** Callable while the user must change a password an admin set (besides public methods). */
const BEFORE_PASSWORD_CHANGE = new Set(['auth.changePassword', 'auth.setLanguage', 'auth.logout', 'auth.lock', 'auth.unlock', 'auth.activity']);

const ROLES_OF: Record<Exclude<Access, 'public'>, readonly Role[]> = {
  'clinician+admin': ['clinician', 'admin'],
  admin: ['admin'],
  clinician: ['clinician'],
};

type Caller = 'nobody' | 'clinician' | 'admin' | 'locked clinician' | 'locked admin' | 'clinician who must change password';
const CALLERS: Caller[] = ['nobody', 'clinician', 'admin', 'locked clinician', 'locked admin', 'clinician who must change password'];

type Outcome = 'allowed' | 'unauthenticated' | 'forbidden' | 'locked' | 'must change password';

function roleOf(caller: Exclude<Caller, 'nobody'>): Role {
  return caller === 'admin' || caller === 'locked admin' ? 'admin' : 'clinician';
}

function expected(name: string, caller: Caller): Outcome {
  const access = EXPECTED_ACCESS[name];
  if (access === undefined) throw new Error(`${name} has no row in EXPECTED_ACCESS`);
  if (access === 'public') return 'allowed';
  if (caller === 'nobody') return 'unauthenticated';
  const roleAllowed = ROLES_OF[access].includes(roleOf(caller));
  if (caller === 'locked clinician' || caller === 'locked admin') {
    if (!WHEN_LOCKED.has(name)) return 'locked';
    return roleAllowed ? 'allowed' : 'forbidden';
  }
  if (!roleAllowed) return 'forbidden';
  if (caller === 'clinician who must change password' && !BEFORE_PASSWORD_CHANGE.has(name)) return 'must change password';
  return 'allowed';
}

/** Only the dispatcher's own refusals count: a handler's wrong-password 'unauthenticated' is not one. */
function outcomeOf(e: CoreError): Outcome | 'other' {
  if (e.code === 'unauthenticated' && e.message === ACCESS_DENIED.unauthenticated) return 'unauthenticated';
  if (e.code === 'locked' && e.message === ACCESS_DENIED.locked) return 'locked';
  if (e.code === 'forbidden' && e.message === ACCESS_DENIED.mustChangePassword) return 'must change password';
  if (e.code === 'forbidden' && /^a (clinician|admin) may not do this/.test(e.message)) return 'forbidden';
  return 'other';
}

function declaredAccess(spec: MethodSpec): Access {
  if (spec.access === 'public') return 'public';
  const c = spec.access.includes('clinician');
  const a = spec.access.includes('admin');
  return c && a ? 'clinician+admin' : a ? 'admin' : 'clinician';
}

const methods = Object.entries(CONTRACT as Record<string, MethodSpec>);

describe('the access table', () => {
  it('classifies every contract method (add a row to EXPECTED_ACCESS for a new one)', () => {
    expect(methods.map(([name]) => name).filter((name) => !(name in EXPECTED_ACCESS))).toEqual([]);
  });

  it('has no rows for methods that do not exist', () => {
    expect(Object.keys(EXPECTED_ACCESS).filter((name) => !(name in CONTRACT) && !NOT_YET_IN_CONTRACT.has(name))).toEqual([]);
  });

  it('lists as pending only methods still missing from CONTRACT (drop them from NOT_YET_IN_CONTRACT once added)', () => {
    expect([...NOT_YET_IN_CONTRACT].filter((name) => name in CONTRACT)).toEqual([]);
  });

  it('agrees with what the contract declares', () => {
    const wrong = methods.filter(([name, spec]) => declaredAccess(spec) !== EXPECTED_ACCESS[name]).map(([name, spec]) => `${name}: declared ${declaredAccess(spec)}, expected ${EXPECTED_ACCESS[name]}`);
    expect(wrong).toEqual([]);
    expect(methods.filter(([, spec]) => spec.options?.whenLocked).map(([name]) => name).sort()).toEqual([...WHEN_LOCKED].sort());
    expect(methods.filter(([, spec]) => spec.options?.beforePasswordChange).map(([name]) => name).sort()).toEqual([...BEFORE_PASSWORD_CHANGE].sort());
  });
});

describe('access matrix over every contract method', () => {
  for (const [name, spec] of methods) {
    describe(name, () => {
      for (const caller of CALLERS) {
        // A method missing from the table fails above; here it only must not stop the suite loading.
        const want = EXPECTED_ACCESS[name] === undefined ? undefined : expected(name, caller);
        it(`${caller}: ${want ?? 'unclassified'}`, async () => {
          expect(want, `${name} has no row in EXPECTED_ACCESS`).toBeDefined();
          // A fresh station per case: an allowed call may change state (log out, reset a password).
          const h: Harness = makeHarness();
          try {
            const { admin, clinician } = await withUsers(h, { mustChange: caller === 'clinician who must change password' });
            const conn: ConnectionContext = caller === 'nobody' ? h.station.newConnection() : roleOf(caller) === 'admin' ? admin : clinician;
            if (caller === 'locked clinician' || caller === 'locked admin') await h.call(conn, 'auth.lock');
            const password = caller === 'clinician who must change password' ? CLINICIAN_FIRST_PASSWORD : caller === 'admin' || caller === 'locked admin' ? ADMIN.password : CLINICIAN.password;
            const input = sampleInput(name, spec.input, { password });
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
            await h.close();
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
