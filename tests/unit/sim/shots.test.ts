// Firing: liveness watchdog, shot rate, delivery error, reservoir, faults during a shot.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_PROFILE, FAULT_CODES, doseRecordMacValid, recordKey, type DoseProfile } from '../../../device/protocol/index.js';
import type { GunModelOptions, SimRecord } from '../../../device/sim/index.js';
import { FakeStation } from './fakeStation.js';

const stations: FakeStation[] = [];
function armedGun(opts: Partial<GunModelOptions> = {}, profile: DoseProfile = DEFAULT_PROFILE): FakeStation {
  const st = FakeStation.create({ seed: 11, ...opts });
  stations.push(st);
  keys.set(st, st.ready(profile));
  return st;
}

/** Lets fake time pass while the station keeps its heartbeat going (and acknowledges nothing). */
function runWithHeartbeat(st: FakeStation, ms: number): void {
  for (let t = 0; t < ms; t += 100) {
    vi.advanceTimersByTime(Math.min(100, ms - t));
    if (t % 400 === 0) st.heartbeat();
  }
}

const keys = new WeakMap<FakeStation, Uint8Array>();
function linkKeyOf(st: FakeStation): Uint8Array {
  return keys.get(st)!;
}

function shotsOf(st: FakeStation): SimRecord[] {
  const out: SimRecord[] = [];
  st.gun.on('shot', (r) => out.push(r));
  return out;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  for (const st of stations.splice(0)) st.gun.close();
  vi.useRealTimers();
});

describe('heartbeat watchdog', () => {
  it('stays armed while the station speaks, disarms within 1.2 s of silence', () => {
    const st = armedGun();
    const lost: number[] = [];
    const reasons: string[] = [];
    st.gun.on('heartbeat-lost', () => lost.push(Date.now()));
    st.gun.on('disarmed', (r) => reasons.push(r));
    runWithHeartbeat(st, 3000);
    expect(st.gun.armed).toBe(true);
    st.heartbeat();
    const silentFrom = Date.now();
    vi.advanceTimersByTime(950);
    expect(st.gun.armed).toBe(true); // not before 1 s
    vi.advanceTimersByTime(250);
    expect(st.gun.armed).toBe(false);
    expect(reasons).toEqual(['heartbeat-lost']);
    expect(lost[0]! - silentFrom).toBeGreaterThanOrEqual(1000);
    expect(lost[0]! - silentFrom).toBeLessThanOrEqual(1200);
  });

  it('sends STATUS every 500 ms with the armed state and reservoir', () => {
    const st = armedGun();
    st.clear();
    runWithHeartbeat(st, 2000);
    const statuses = st.all('STATUS');
    expect(statuses).toHaveLength(4);
    expect(statuses[0]).toMatchObject({ armed: true, reservoirNl: 5_000_000, batteryPct: 100, needleSeated: true, faultFlags: 0, lastRecordId: 0 });
  });
});

describe('shot rate', () => {
  it('never fires faster than 9 shots/s: 10 presses take at least 9 x 111 ms', () => {
    const st = armedGun({}, { ...DEFAULT_PROFILE, minIntervalMs: 111 });
    const shots = shotsOf(st);
    st.gun.fire(10);
    expect(st.gun.pendingShots).toBe(10);
    runWithHeartbeat(st, 3000);
    expect(shots).toHaveLength(10);
    const starts = shots.map((s) => s.startedAtMs);
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(9 * 111);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(111);
    expect(st.gun.pendingShots).toBe(0);
  });

  it("keeps the profile's slower interval", () => {
    const st = armedGun({}, { ...DEFAULT_PROFILE, minIntervalMs: 500 });
    const shots = shotsOf(st);
    st.gun.fire(3);
    runWithHeartbeat(st, 900);
    expect(shots).toHaveLength(2);
    runWithHeartbeat(st, 500);
    expect(shots).toHaveLength(3);
    expect(shots[2]!.startedAtMs - shots[1]!.startedAtMs).toBeGreaterThanOrEqual(500);
  });

  it('rateLimit: false fires a burst without waiting (benchmark mode)', () => {
    const st = armedGun({ rateLimit: false });
    const shots = shotsOf(st);
    st.gun.fire(250);
    vi.advanceTimersByTime(10);
    expect(shots).toHaveLength(250);
    expect(st.gun.log.map((r) => r.recordId)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
  });

  it('drops presses while disarmed, and presses still queued at a disarm', () => {
    const st = FakeStation.create();
    stations.push(st);
    st.gun.fire(4);
    expect(st.gun.stats.pressesDropped).toBe(4);
    expect(st.gun.pendingShots).toBe(0);
    st.ready();
    st.gun.fire(5);
    runWithHeartbeat(st, 600); // two shots at 500 ms intervals
    st.expect({ type: 'DISARM' }, 'ACK');
    runWithHeartbeat(st, 3000);
    expect(st.gun.stats.shotsFired).toBe(2);
    expect(st.gun.stats.pressesDropped).toBe(4 + 3);
  });
});

describe('delivery', () => {
  function deliveries(seed: number): number[] {
    const st = armedGun({ seed, rateLimit: false });
    st.gun.fire(200);
    vi.advanceTimersByTime(10);
    return st.gun.log.map((r) => r.deliveredNl);
  }

  it('delivers within +/-10 % of the commanded dose, spread across that range', () => {
    const d = deliveries(5);
    expect(d).toHaveLength(200);
    for (const v of d) {
      expect(v).toBeGreaterThanOrEqual(18_000);
      expect(v).toBeLessThanOrEqual(22_000);
    }
    expect(Math.min(...d)).toBeLessThan(19_000);
    expect(Math.max(...d)).toBeGreaterThan(21_000);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(deliveries(123)).toEqual(deliveries(123));
    expect(deliveries(123)).not.toEqual(deliveries(124));
  });

  it('sends each shot as a DOSE_RECORD carrying the profile, timestamps and the gun\'s MAC over them', () => {
    const profile: DoseProfile = { ...DEFAULT_PROFILE, doseNl: 40_000, entryPct: 30, dwellPct: 40, exitPct: 30, depthUm: 3_500, mode: 'retrograde' };
    const st = armedGun({}, profile);
    const key = recordKey(linkKeyOf(st), st.gun.serial);
    st.gun.fire(2);
    runWithHeartbeat(st, 1000);
    // Unacknowledged, so each is re-sent every 300 ms: identical copies.
    const sent = st.all('DOSE_RECORD');
    expect([...new Set(sent.map((r) => r.recordId))]).toEqual([1, 2]);
    expect(sent.filter((r) => r.recordId === 1).every((r) => JSON.stringify(r) === JSON.stringify(sent[0]))).toBe(true);
    for (const r of sent) {
      const { type: _t, recordMac, ...fields } = r;
      expect(doseRecordMacValid(key, fields, recordMac)).toBe(true);
      expect(doseRecordMacValid(key, { ...fields, deliveredNl: fields.deliveredNl + 1 }, recordMac)).toBe(false);
      expect(r).toMatchObject({ commandedNl: 40_000, depthUm: 3_500, entryPct: 30, dwellPct: 40, exitPct: 30, mode: 4, fault: 0 });
      expect(r.endedAtMs).toBeGreaterThanOrEqual(r.startedAtMs);
    }
    expect(st.gun.reservoirNl).toBe(5_000_000 - st.gun.totalDeliveredNl());
  });

  it('raises reservoirLow under 1 mL and, when a shot cannot be covered, delivers the rest and disarms', () => {
    const st = armedGun({ reservoirNl: 1_030_000, rateLimit: false });
    const faults: string[] = [];
    st.gun.on('fault', (n, a) => faults.push(`${n}:${a}`));
    st.gun.fire(100);
    vi.advanceTimersByTime(10);
    const log = st.gun.log;
    const last = log.at(-1)!;
    expect(last.fault).toBe(FAULT_CODES.reservoirEmpty);
    expect(last.deliveredNl).toBeLessThan(last.commandedNl * 0.9);
    expect(st.gun.totalDeliveredNl()).toBe(1_030_000);
    expect(st.gun.reservoirNl).toBe(0);
    expect(st.gun.armed).toBe(false);
    expect(faults).toEqual(['reservoirLow:true', 'reservoirEmpty:true']);
    expect(st.gun.stats.pressesDropped).toBe(100 - log.length);
    const fe = st.all('FAULT').map((f) => [f.code, f.active]);
    expect(fe).toEqual([
      [FAULT_CODES.reservoirLow, true],
      [FAULT_CODES.reservoirEmpty, true],
    ]);
  });
});

describe('faults during a session', () => {
  it('an occlusion cuts the shot in progress short, records it with the fault, disarms and drops the queue', () => {
    const st = armedGun();
    const shots = shotsOf(st);
    const reasons: string[] = [];
    st.gun.on('disarmed', (r) => reasons.push(r));
    st.gun.fire(3);
    runWithHeartbeat(st, 500); // shot 1 done; shot 2 starts at 500 ms
    vi.advanceTimersByTime(20); // 20 ms into shot 2 (50 ms long)
    expect(shots).toHaveLength(1);
    st.gun.occlude();
    expect(shots).toHaveLength(2);
    const cut = shots[1]!;
    expect(cut.fault).toBe(FAULT_CODES.occlusion);
    expect(cut.deliveredNl).toBeGreaterThan(0);
    expect(cut.deliveredNl).toBeLessThan(cut.commandedNl * 0.9);
    expect(st.gun.armed).toBe(false);
    expect(reasons).toEqual(['fault:occlusion']);
    expect(st.gun.stats.pressesDropped).toBe(1);
    expect(st.all('FAULT').at(-1)).toMatchObject({ code: FAULT_CODES.occlusion, active: true });
    expect(st.gun.activeFaults).toContain('occlusion');
    st.clear();
    runWithHeartbeat(st, 600);
    expect(st.all('STATUS').at(-1)?.faultFlags).toBe(1 << (FAULT_CODES.occlusion - 1));

    st.gun.occlude(false);
    expect(st.all('FAULT').at(-1)).toMatchObject({ code: FAULT_CODES.occlusion, active: false });
    st.expect({ type: 'ARM', budgetNl: 0xffff_ffff }, 'ACK');
    st.gun.fire(1);
    runWithHeartbeat(st, 200);
    expect(shots.at(-1)).toMatchObject({ recordId: 3, fault: 0 });
  });

  it('low battery is a warning: reported, battery 10 %, still armed', () => {
    const st = armedGun();
    st.gun.lowBattery();
    expect(st.gun.armed).toBe(true);
    expect(st.all('FAULT').at(-1)).toMatchObject({ code: FAULT_CODES.lowBattery, active: true });
    st.clear();
    runWithHeartbeat(st, 500);
    expect(st.all('STATUS').at(-1)).toMatchObject({ batteryPct: 10, faultFlags: 1 << (FAULT_CODES.lowBattery - 1), armed: true });
  });

  it('an unseated needle disarms and is reported in STATUS', () => {
    const st = armedGun();
    st.gun.setNeedleSeated(false);
    expect(st.gun.armed).toBe(false);
    st.clear();
    runWithHeartbeat(st, 500);
    expect(st.all('STATUS').at(-1)).toMatchObject({ needleSeated: false, faultFlags: 1 << (FAULT_CODES.needleNotSeated - 1) });
  });
});

describe('volume budget (PROTOCOL.md, "Budget")', () => {
  it('fires only while the budget holds the next shot, then disarms itself, reports it at once and records nothing more', () => {
    const st = armedGun();
    const shots = shotsOf(st);
    const reasons: string[] = [];
    let framesAtDisarm = -1;
    st.gun.on('disarmed', (r) => {
      reasons.push(r);
      framesAtDisarm = st.frames.length;
    });
    // Room for two 20 uL shots (each at most 22 uL delivered), not for a third.
    st.expect({ type: 'ARM', budgetNl: 50_000 }, 'ACK');
    expect(st.gun.budgetNl).toBe(50_000);
    st.gun.fire(5);
    runWithHeartbeat(st, 3000);
    expect(shots).toHaveLength(2);
    expect(st.gun.budgetNl).toBe(0); // dropped with the arming
    expect(st.gun.armed).toBe(false);
    expect(reasons).toEqual(['budget-exhausted']);
    // The refused press and the two queued behind it: no shot, no record, counted.
    expect(st.gun.stats.budgetRefusals).toBe(3);
    expect(st.gun.stats.pressesDropped).toBe(3);
    expect(st.gun.log).toHaveLength(2);
    // A STATUS saying disarmed is the very next frame, not the next periodic one.
    expect(st.frames[framesAtDisarm]?.message).toMatchObject({ type: 'STATUS', armed: false });
    st.gun.fire(2);
    runWithHeartbeat(st, 1000);
    expect(shots).toHaveLength(2);
  });

  it('takes the delivered volume, not the commanded, off the budget', () => {
    const st = armedGun();
    const shots = shotsOf(st);
    st.expect({ type: 'ARM', budgetNl: 100_000 }, 'ACK');
    st.gun.fire(1);
    runWithHeartbeat(st, 200);
    expect(shots).toHaveLength(1);
    expect(st.gun.budgetNl).toBe(100_000 - shots[0]!.deliveredNl);
    expect(shots[0]!.deliveredNl).not.toBe(shots[0]!.commandedNl);
  });

  it('refuses ARM with a budget under one shot; a repeated ARM replaces the budget', () => {
    const st = armedGun();
    st.expect({ type: 'DISARM' }, 'ACK');
    expect(st.expectNak({ type: 'ARM', budgetNl: DEFAULT_PROFILE.doseNl - 1 }, 'cannotArm').field).toBe('budgetNl');
    expect(st.gun.armed).toBe(false);
    st.expect({ type: 'ARM', budgetNl: DEFAULT_PROFILE.doseNl }, 'ACK');
    st.expect({ type: 'ARM', budgetNl: 70_000 }, 'ACK');
    expect(st.gun.budgetNl).toBe(70_000);
  });
});
