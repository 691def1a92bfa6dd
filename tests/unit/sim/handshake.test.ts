// Connection, pairing, authentication, profile and arming, driven frame by frame.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_GUN_LIMITS, DEFAULT_PROFILE, NAK_CODES, PROTOCOL_VERSION, SCHEMA_HASH, newNonce, profileToWire } from '../../../device/protocol/index.js';
import { GunModel } from '../../../device/sim/index.js';
import { FakeStation, tempStateFile } from './fakeStation.js';

let st: FakeStation;
beforeEach(() => {
  vi.useFakeTimers();
  st = FakeStation.create({ serial: 'SIM-0042', seed: 7 });
});
afterEach(() => {
  st.gun.close();
  vi.useRealTimers();
});

describe('HELLO', () => {
  it('answers with the identity, limits and schema hash, as a reply to the HELLO seq', () => {
    const seq = st.send({ type: 'HELLO', protocolVersion: PROTOCOL_VERSION, stationName: 'room 1' }, 42);
    const reply = st.frames.find((f) => f.ack === seq);
    expect(reply?.message.type).toBe('IDENTITY');
    const id = st.all('IDENTITY')[0]!;
    expect(id).toMatchObject({
      model: 'MesoGun MG-9 (simulated)',
      serial: 'SIM-0042',
      firmware: '1.0.0-sim',
      protocolVersion: 3,
      paired: false,
      ...DEFAULT_GUN_LIMITS,
    });
    expect([...id.schemaHash]).toEqual([...SCHEMA_HASH]);
  });

  it('simulates an incompatible gun: its IDENTITY carries its own version and hash', () => {
    // A gun still on version 2 (no authenticated frames).
    const odd = FakeStation.create({ protocolVersion: 2, schemaHash: new Uint8Array(8).fill(9) });
    const id = odd.hello();
    expect(id.protocolVersion).toBe(2);
    expect([...id.schemaHash]).toEqual(Array(8).fill(9));
    expect(odd.frames.at(-1)?.version).toBe(2);
    // It cannot read version-3 requests other than HELLO: nothing comes back.
    expect(odd.request({ type: 'GET_STATUS' })).toBeNull();
    odd.gun.close();
  });

  it('a new HELLO disarms and forgets authentication', () => {
    st.ready();
    expect(st.gun.armed).toBe(true);
    const reasons: string[] = [];
    st.gun.on('disarmed', (r) => reasons.push(r));
    const id = st.hello();
    expect(id.paired).toBe(true);
    expect(st.gun.armed).toBe(false);
    expect(reasons).toEqual(['new-connection']);
    st.expectNak({ type: 'ARM', budgetNl: 0xffff_ffff }, 'notAuthenticated');
  });
});

describe('pairing', () => {
  it('pairs with the displayed code, emits it, and stores the key', () => {
    const codes: string[] = [];
    st.gun.on('pairing-code', (c) => codes.push(c));
    st.hello();
    const key = st.pair();
    expect(codes).toHaveLength(1);
    expect(codes[0]).toMatch(/^\d{6}$/);
    expect(st.gun.paired).toBe(true);
    expect(st.gun.pairingCode).toBeNull();
    expect(st.hello().paired).toBe(true);
    expect(st.auth(key).reply?.type).toBe('ACK');
  });

  it('refuses a wrong code with NAK pairingCodeWrong and stays unpaired', () => {
    st.hello();
    st.beginPairing();
    const shown = st.gun.pairingCode!;
    const wrong = shown === '000000' ? '000001' : '000000';
    const { reply } = st.confirmPairing(wrong);
    expect(reply).toMatchObject({ type: 'NAK', code: NAK_CODES.pairingCodeWrong, field: 'code' });
    expect(st.gun.paired).toBe(false);
    // One attempt per code: the pairing is over until the next PAIR_BEGIN, even with the right code.
    expect(st.confirmPairing(shown).reply).toMatchObject({ type: 'NAK', code: NAK_CODES.noPairingInProgress });
    expect(st.gun.paired).toBe(false);
  });

  it('refuses a share that is not a group element, and ends the pairing', () => {
    st.hello();
    st.beginPairing();
    st.expectNak({ type: 'PAIR_CONFIRM', stationShare: new Uint8Array(32).fill(0xff), stationConfirm: new Uint8Array(32) }, 'pairingCodeWrong');
    expect(st.gun.paired).toBe(false);
    expect(st.gun.pairingCode).toBeNull();
  });

  it('shows a fresh code and a fresh share for every PAIR_BEGIN', () => {
    const codes = new Set<string>();
    const shares = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const ch = st.expect({ type: 'PAIR_BEGIN', stationNonce: newNonce() }, 'PAIR_CHALLENGE');
      codes.add(st.gun.pairingCode!);
      shares.add(Buffer.from(ch.gunShare).toString('hex'));
    }
    expect(codes.size).toBeGreaterThan(1);
    expect(shares.size).toBe(5);
  });
});

describe('authentication', () => {
  it('authenticates with the right key; the gun proves it holds it too', () => {
    st.hello();
    const key = st.pair();
    const { reply, gunProofOk } = st.auth(key);
    expect(gunProofOk).toBe(true);
    expect(reply?.type).toBe('ACK');
    expect(st.gun.authenticated).toBe(true);
  });

  it('a wrong key fails both ways: the gun proof mismatches and AUTH_PROVE gets NAK authFailed', () => {
    st.hello();
    st.pair();
    const { reply, gunProofOk } = st.auth(new Uint8Array(32).fill(1));
    expect(gunProofOk).toBe(false);
    expect(reply).toMatchObject({ type: 'NAK', code: NAK_CODES.authFailed });
    expect(st.gun.authenticated).toBe(false);
  });

  it('a gun re-keyed elsewhere (setKey) no longer authenticates with the old key', () => {
    st.hello();
    const key = st.pair();
    st.gun.setKey(new Uint8Array(32).fill(3));
    st.hello();
    expect(st.auth(key).reply).toMatchObject({ type: 'NAK', code: NAK_CODES.authFailed });
  });

  it('an unpaired gun answers AUTH_BEGIN with NAK notPaired', () => {
    st.hello();
    st.expectNak({ type: 'AUTH_BEGIN', stationNonce: newNonce() }, 'notPaired');
  });

  it('refuses SET_PROFILE, ARM and SYNC_FROM before authentication', () => {
    st.hello();
    st.pair();
    expect(st.session).toBeNull();
    st.expectNak({ type: 'SET_PROFILE', ...profileToWire(DEFAULT_PROFILE) }, 'notAuthenticated');
    st.expectNak({ type: 'ARM', budgetNl: 0xffff_ffff }, 'notAuthenticated');
    st.expectNak({ type: 'SYNC_FROM', afterRecordId: 0 }, 'notAuthenticated');
    expect(st.request({ type: 'DISARM' })?.type).toBe('ACK'); // making safe never needs a key
  });
});

describe('dose profile', () => {
  beforeEach(() => {
    st.hello();
    expect(st.auth(st.pair()).reply?.type).toBe('ACK');
  });

  it.each([
    ['doseNl', { doseNl: 250_000 }],
    ['doseNl', { doseNl: 1_000 }],
    ['depthUm', { depthUm: 7_000 }],
    ['entryPct', { entryPct: 101, dwellPct: 0 }],
    ['dwellPct', { entryPct: 10, dwellPct: 10, exitPct: 10 }],
    ['minIntervalMs', { minIntervalMs: 50 }],
  ] as const)('refuses a profile outside the limits, naming %s', (field, change) => {
    const nak = st.expectNak({ type: 'SET_PROFILE', ...profileToWire({ ...DEFAULT_PROFILE, ...change }) }, 'outOfLimits');
    expect(nak.field).toBe(field);
    expect(st.gun.profile).toBeNull();
  });

  it('refuses an unknown mode code, naming mode', () => {
    const nak = st.expectNak({ type: 'SET_PROFILE', ...profileToWire(DEFAULT_PROFILE), mode: 9 }, 'outOfLimits');
    expect(nak.field).toBe('mode');
  });

  it('echoes a valid profile as stored, and setting it disarms', () => {
    const profile = { ...DEFAULT_PROFILE, doseNl: 30_000, entryPct: 20, dwellPct: 60, exitPct: 20, mode: 'nappage' as const };
    const echo = st.expect({ type: 'SET_PROFILE', ...profileToWire(profile) }, 'PROFILE_ECHO');
    expect(echo).toEqual({ type: 'PROFILE_ECHO', ...profileToWire(profile) });
    expect(st.gun.profile).toEqual(profile);
    st.expect({ type: 'ARM', budgetNl: 0xffff_ffff }, 'ACK');
    st.expect({ type: 'SET_PROFILE', ...profileToWire(DEFAULT_PROFILE) }, 'PROFILE_ECHO');
    expect(st.gun.armed).toBe(false);
  });
});

describe('arming', () => {
  beforeEach(() => {
    st.hello();
    expect(st.auth(st.pair()).reply?.type).toBe('ACK');
  });

  it('refuses without a profile', () => {
    expect(st.expectNak({ type: 'ARM', budgetNl: 0xffff_ffff }, 'cannotArm').field).toBe('profile');
  });

  it('refuses with a blocking fault or an unseated needle, not with a warning', () => {
    st.setProfile();
    st.gun.occlude();
    expect(st.expectNak({ type: 'ARM', budgetNl: 0xffff_ffff }, 'cannotArm').field).toBe('fault:occlusion');
    st.gun.occlude(false);
    st.gun.setNeedleSeated(false);
    expect(st.expectNak({ type: 'ARM', budgetNl: 0xffff_ffff }, 'cannotArm').field).toBe('needleSeated');
    st.gun.setNeedleSeated(true);
    st.gun.lowBattery();
    expect(st.request({ type: 'ARM', budgetNl: 0xffff_ffff })?.type).toBe('ACK');
    expect(st.gun.armed).toBe(true);
    st.gun.runEmpty();
    expect(st.gun.armed).toBe(false);
    expect(st.expectNak({ type: 'ARM', budgetNl: 0xffff_ffff }, 'cannotArm').field).toBe('fault:reservoirEmpty');
  });
});

describe('stop-and-wait duplicates', () => {
  it('answers a repeated request with the stored reply and does not execute it again', () => {
    // PAIR_BEGIN makes a fresh nonce and code each time it runs: a repeat must return the same ones.
    const stationNonce = newNonce();
    const bytes = st.encode({ type: 'PAIR_BEGIN', stationNonce }, 9);
    st.gun.receive(bytes);
    const code = st.gun.pairingCode;
    st.gun.receive(bytes);
    const challenges = st.all('PAIR_CHALLENGE');
    expect(challenges).toHaveLength(2);
    expect([...challenges[1]!.gunNonce]).toEqual([...challenges[0]!.gunNonce]);
    expect(st.gun.pairingCode).toBe(code);
    // The same type with a new seq is a new request and runs again.
    st.send({ type: 'PAIR_BEGIN', stationNonce }, 10);
    expect([...st.all('PAIR_CHALLENGE')[2]!.gunNonce]).not.toEqual([...challenges[0]!.gunNonce]);
  });

  it('a retransmitted ARM is answered from memory, not executed again', () => {
    st.hello();
    st.auth(st.pair());
    st.setProfile();
    const arms: number[] = [];
    st.gun.on('armed', () => arms.push(1));
    const armBytes = st.encode({ type: 'ARM', budgetNl: 0xffff_ffff }, 77); // tagged: the retransmission repeats the counter
    st.gun.receive(armBytes);
    expect(st.gun.armed).toBe(true);
    // The gun disarms on its own (a passing fault) while the station, its ACK lost, retransmits.
    st.gun.occlude();
    st.gun.occlude(false);
    expect(st.gun.armed).toBe(false);
    st.clear();
    st.gun.receive(armBytes);
    expect(st.frames.map((f) => [f.message.type, f.ack])).toContainEqual(['ACK', 77]);
    expect(st.gun.armed).toBe(false); // executing it twice would have re-armed a gun nobody re-armed
    expect(arms).toHaveLength(1);
    st.expect({ type: 'ARM', budgetNl: 0xffff_ffff }, 'ACK', 78);
    expect(st.gun.armed).toBe(true);
  });

  it('HELLO clears the memory: the same seq after HELLO is a new request', () => {
    st.hello();
    st.auth(st.pair());
    st.setProfile();
    st.expect({ type: 'ARM', budgetNl: 0xffff_ffff }, 'ACK', 5);
    st.hello();
    // Not authenticated any more: an ARM with seq 5 is executed (and refused), not answered from memory.
    expect(st.request({ type: 'ARM', budgetNl: 0xffff_ffff }, 5)).toMatchObject({ type: 'NAK', code: NAK_CODES.notAuthenticated });
  });
});

it('keeps the persisted serial over the option once the state file exists', () => {
  const file = tempStateFile();
  const a = new GunModel({ stateFile: file, serial: 'SIM-A' });
  a.setKey(new Uint8Array(32));
  a.close();
  const b = new GunModel({ stateFile: file, serial: 'SIM-B' });
  expect(b.serial).toBe('SIM-A');
  expect(b.paired).toBe(true);
  b.close();
});
