import { describe, expect, it } from 'vitest';
import {
  checkProfile, DEFAULT_GUN_LIMITS, DEFAULT_PROFILE, deriveLinkKey, doseRecordCrc, faultFlagsToNames, faultNamesToFlags,
  newNonce, profileFromWire, profileToWire, proofs, sameProof,
} from '../../../device/protocol/index.js';

describe('checkProfile', () => {
  it('accepts the default profile', () => {
    expect(checkProfile(DEFAULT_PROFILE, DEFAULT_GUN_LIMITS)).toBeNull();
  });
  it.each([
    [{ doseNl: 4_999 }, 'doseNl'],
    [{ doseNl: 200_001 }, 'doseNl'],
    [{ doseNl: 20_000.5 }, 'doseNl'],
    [{ depthUm: 499 }, 'depthUm'],
    [{ depthUm: 6_001 }, 'depthUm'],
    [{ entryPct: 101, dwellPct: 0 }, 'entryPct'],
    [{ entryPct: 10 }, 'dwellPct'],
    [{ minIntervalMs: 100 }, 'minIntervalMs'],
  ])('refuses %j naming %s', (change, field) => {
    const v = checkProfile({ ...DEFAULT_PROFILE, ...change }, DEFAULT_GUN_LIMITS);
    expect(v?.field).toBe(field);
    expect(v?.message.length).toBeGreaterThan(10);
  });
  it('round-trips through the wire form', () => {
    const p = { ...DEFAULT_PROFILE, mode: 'retrograde' as const };
    expect(profileFromWire(profileToWire(p))).toEqual(p);
    expect(profileFromWire({ ...profileToWire(p), mode: 99 })).toBeNull();
  });
});

describe('dose record CRC', () => {
  const rec = {
    recordId: 12, commandedNl: 20_000, deliveredNl: 19_400, depthUm: 2000, entryPct: 0, dwellPct: 100, exitPct: 0,
    mode: 1, startedAtMs: 1_790_000_000_000, endedAtMs: 1_790_000_000_090, fault: 0,
  };
  it('changes when any field changes', () => {
    const base = doseRecordCrc(rec);
    expect(doseRecordCrc({ ...rec })).toBe(base);
    expect(doseRecordCrc({ ...rec, deliveredNl: 19_401 })).not.toBe(base);
    expect(doseRecordCrc({ ...rec, recordId: 13 })).not.toBe(base);
  });
});

describe('pairing and authentication proofs', () => {
  it('agree when both sides hold the same code and differ otherwise', () => {
    const sn = newNonce();
    const gn = newNonce();
    const station = deriveLinkKey('123456', 'SN-1', sn, gn);
    const gun = deriveLinkKey('123456', 'SN-1', sn, gn);
    const wrong = deriveLinkKey('123457', 'SN-1', sn, gn);
    expect(sameProof(proofs.pairStation(station, gn), proofs.pairStation(gun, gn))).toBe(true);
    expect(sameProof(proofs.pairStation(wrong, gn), proofs.pairStation(gun, gn))).toBe(false);
    expect(sameProof(proofs.authGun(gun, sn, gn), proofs.authStation(gun, sn, gn))).toBe(false);
  });
});

describe('fault flags', () => {
  it('round-trip names and bits', () => {
    expect(faultFlagsToNames(faultNamesToFlags(['occlusion', 'lowBattery']))).toEqual(['occlusion', 'lowBattery']);
    expect(faultNamesToFlags(['reservoirEmpty'])).toBe(1);
  });
});
