import { describe, expect, it } from 'vitest';
import {
  checkProfile, DEFAULT_GUN_LIMITS, DEFAULT_PROFILE, doseRecordCrc, doseRecordMac, doseRecordMacValid, faultFlagsToNames, faultNamesToFlags,
  isBlockingFault, profileFromWire, profileToWire, recordedMode, recordedModeCode, recordKey, reportedFault, reportedFaultCode,
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

const rec = {
  recordId: 12, commandedNl: 20_000, deliveredNl: 19_400, depthUm: 2000, entryPct: 0, dwellPct: 100, exitPct: 0,
  mode: 1, startedAtMs: 1_790_000_000_000, endedAtMs: 1_790_000_000_090, fault: 0,
};

describe('dose record CRC', () => {
  it('changes when any field changes', () => {
    const base = doseRecordCrc(rec);
    expect(doseRecordCrc({ ...rec })).toBe(base);
    expect(doseRecordCrc({ ...rec, deliveredNl: 19_401 })).not.toBe(base);
    expect(doseRecordCrc({ ...rec, recordId: 13 })).not.toBe(base);
  });
});

describe('dose record MAC', () => {
  const key = recordKey(new Uint8Array(32).fill(7), 'SN-1');
  const mac = doseRecordMac(key, rec);

  it('verifies under the key it was made with, and under no other key or serial', () => {
    expect(mac).toHaveLength(32);
    expect(doseRecordMacValid(key, rec, mac)).toBe(true);
    expect(doseRecordMacValid(recordKey(new Uint8Array(32).fill(8), 'SN-1'), rec, mac)).toBe(false);
    expect(doseRecordMacValid(recordKey(new Uint8Array(32).fill(7), 'SN-2'), rec, mac)).toBe(false);
  });

  it.each(Object.keys(rec) as (keyof typeof rec)[])('covers %s', (field) => {
    expect(doseRecordMacValid(key, { ...rec, [field]: rec[field] + 1 }, mac)).toBe(false);
  });
});

describe('codes the station does not know', () => {
  it('are named "unknown (code N)" and map back to their number', () => {
    expect(reportedFault(3)).toBe('occlusion');
    expect(reportedFault(42)).toBe('unknown (code 42)');
    expect(reportedFaultCode('unknown (code 42)')).toBe(42);
    expect(reportedFaultCode('occlusion')).toBe(3);
    expect(recordedMode(9)).toBe('unknown (code 9)');
    expect(recordedModeCode('unknown (code 9)')).toBe(9);
    expect(recordedModeCode('retrograde')).toBe(4);
    expect(recordedModeCode('not a mode')).toBeUndefined();
  });

  it('an unknown fault counts as blocking: the station cannot tell, so the gun should not fire', () => {
    expect(isBlockingFault('unknown (code 42)')).toBe(true);
    expect(isBlockingFault('occlusion')).toBe(true);
    expect(isBlockingFault('lowBattery')).toBe(false);
    expect(faultFlagsToNames(1 << 15)).toEqual(['unknown (code 16)']);
  });
});

describe('fault flags', () => {
  it('round-trip names and bits', () => {
    expect(faultFlagsToNames(faultNamesToFlags(['occlusion', 'lowBattery']))).toEqual(['occlusion', 'lowBattery']);
    expect(faultNamesToFlags(['reservoirEmpty'])).toBe(1);
  });
});
