// Drives a simulated treatment: keeps the link's gun armed (re-setting the profile and re-arming after
// every reconnect or reboot, as the core will) and presses the trigger until `target` records exist,
// running scheduled disruptions (unplug, reboot) when the gun's log reaches given sizes.
import { recordedModeCode, reportedFaultCode, type DoseProfile } from '../../device/protocol/index.js';
import type { DoseRecord, GunLink } from '../../device/link/index.js';
import type { SimRecord, SimulatedGun } from '../../device/sim/index.js';
import { sleep, waitUntil } from './linkWait.js';

/** The largest ARM budget (u32): these drills exercise the link, not volume limits. */
export const UNLIMITED_BUDGET_NL = 0xffff_ffff;

/** 10 uL at the gun's full rate (9 shots/s): 500 shots stay within a 10 mL reservoir. */
export const FULL_RATE_PROFILE: DoseProfile = {
  doseNl: 10_000,
  entryPct: 0,
  dwellPct: 100,
  exitPct: 0,
  depthUm: 2_000,
  mode: 'papule',
  minIntervalMs: 111,
};

export interface Disruption {
  /** Run when the gun's log holds at least this many records. */
  atRecords: number;
  run(gun: SimulatedGun): Promise<void>;
  label: string;
}

export const unplugFor = (atRecords: number, ms: number): Disruption => ({
  atRecords,
  label: `unplug ${ms} ms at ${atRecords}`,
  run: async (gun) => {
    await gun.unplug();
    await sleep(ms);
    await gun.replug();
  },
});

export const rebootAt = (atRecords: number): Disruption => ({
  atRecords,
  label: `reboot at ${atRecords}`,
  run: (gun) => gun.reboot(),
});

export async function fireUntil(
  link: GunLink,
  gun: SimulatedGun,
  target: number,
  opts: { profile?: DoseProfile; disruptions?: Disruption[]; timeoutMs?: number; log?: (s: string) => void } = {},
): Promise<void> {
  const profile = opts.profile ?? FULL_RATE_PROFILE;
  const pending = [...(opts.disruptions ?? [])].sort((a, b) => a.atRecords - b.atRecords);
  const deadline = Date.now() + (opts.timeoutMs ?? 150_000);
  while (gun.log.length < target) {
    if (Date.now() > deadline) throw new Error(`only ${gun.log.length}/${target} shots before the deadline (link ${link.state})`);
    const next = pending[0];
    if (next && gun.log.length >= next.atRecords) {
      pending.shift();
      opts.log?.(next.label);
      await next.run(gun);
      continue;
    }
    if (link.state !== 'ready' || !gun.plugged) {
      await sleep(20);
      continue;
    }
    if (!gun.armed) {
      try {
        if (!link.profile) await link.setProfile(profile);
        await link.arm(UNLIMITED_BUDGET_NL);
      } catch (e) {
        opts.log?.(`re-arm failed: ${(e as Error).message}`);
        await sleep(50);
      }
      continue;
    }
    const remaining = target - gun.log.length - gun.pendingShots;
    if (remaining > 0 && gun.pendingShots < 3) gun.fire(Math.min(remaining, 9));
    await sleep(20);
  }
}

/** A stored record in the gun's wire form, to compare field by field with the simulator's log. */
export function toWire(r: DoseRecord): SimRecord {
  return {
    recordId: r.recordId,
    commandedNl: r.commandedNl,
    deliveredNl: r.deliveredNl,
    depthUm: r.depthUm,
    entryPct: r.entryPct,
    dwellPct: r.dwellPct,
    exitPct: r.exitPct,
    mode: recordedModeCode(r.mode)!,
    startedAtMs: r.startedAtMs,
    endedAtMs: r.endedAtMs,
    fault: r.fault ? reportedFaultCode(r.fault)! : 0,
    recordMac: r.recordMac,
  };
}

/** Waits until the sink holds `n` records (the gun re-sends until acknowledged). */
export async function waitForRecords(count: () => number, n: number, timeoutMs = 20_000): Promise<void> {
  await waitUntil(`${n} records in the sink (have ${count()})`, () => count() >= n, timeoutMs, 50);
}
