// C1: a hard volume limit holds whatever the line does. Records lost, corrupted or late on the way
// to the station, or a station that hears nothing at all, must not let the gun deliver more than one
// shot past the limit: the ARM budget the gun enforces itself is the backstop. Checked against the
// simulator's own log (what the gun actually delivered), not the station's ledger.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { DoseProfile } from '../../../device/protocol/index.js';
import { SimulatedGun } from '../../../device/sim/harness.js';
import type { SimRecord } from '../../../device/sim/types.js';
import type { WorkflowEvent } from '../../../electron/contract/sessions.js';
import { CoreError } from '../../../electron/core/errors.js';
import { expectCoreError } from '../../support/coreErrors.js';
import { pairUntilReady, sleep, waitUntil, type ShowsPairingCode } from '../../support/linkWait.js';
import { simCable } from '../../support/simPort.js';
import { LOT, openStation, shortenedThermotherapy, type CoreStation, type StationOptions } from './station.js';
import { useTeardown } from '../../support/teardown.js';

const stopAfterTest = useTeardown();

/** 20 uL at the gun's full rate (9 shots/s): the worst case for a late station check. */
const PROFILE: DoseProfile = { doseNl: 20_000, entryPct: 0, dwellPct: 100, exitPct: 0, depthUm: 2_000, mode: 'papule', minIntervalMs: 111 };
const ZONE_HARD_NL = 150_000;
/**
 * The serum's limits (a version of it the library accepts: soft below hard). The zone's soft limit sits
 * below one shot, so it is acknowledged before the first arming and the gun's budget runs to the hard
 * limit; the session's limits are never reached.
 */
const LIMITS: StationOptions['volumeLimits'] = {
  zoneVolume: { softMaxNl: PROFILE.doseNl / 2, hardMaxNl: ZONE_HARD_NL },
  sessionVolume: { softMaxNl: 999_000, hardMaxNl: 1_000_000 },
};

/** What the simulated gun offers a test, in-process or behind a pty. */
interface GunUnderTest {
  armed: boolean;
  log: readonly SimRecord[];
  pendingShots: number;
  budgetRefusals: number;
  fire(n: number): void;
  setCorruption(c: { toStation?: number }): void;
  /** Where the gun shows its pairing code. */
  pairingCodes: ShowsPairingCode;
}

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  stopAfterTest(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function inProcess(): Promise<{ gun: GunUnderTest; st: CoreStation; mute(on: boolean): void }> {
  const dir = tempDir('budget-mem-');
  const cable = simCable({ seed: 21, reservoirNl: 10_000_000, stateFile: join(dir, 'gun.jsonl') });
  stopAfterTest(() => cable.close());
  const st = await openStation({ dir: join(dir, 'station'), stationPath: 'sim-cable', portFactory: cable.factory, volumeLimits: LIMITS });
  stopAfterTest(() => st.close());
  const g = cable.gun;
  const gun: GunUnderTest = {
    get armed() {
      return g.armed;
    },
    get log() {
      return g.log;
    },
    get pendingShots() {
      return g.pendingShots;
    },
    get budgetRefusals() {
      return g.stats.budgetRefusals;
    },
    fire: (n) => g.fire(n),
    setCorruption: (c) => g.setCorruption(c),
    pairingCodes: g,
  };
  return { gun, st, mute: (on) => (cable.muteToStation = on) };
}

async function overPty(): Promise<{ gun: GunUnderTest; st: CoreStation }> {
  const dir = tempDir('budget-pty-');
  const sim = await SimulatedGun.start({ dir: join(dir, 'pty'), reservoirNl: 10_000_000, seed: 22 });
  stopAfterTest(() => sim.stop());
  const st = await openStation({ dir: join(dir, 'station'), stationPath: sim.stationPath, volumeLimits: LIMITS });
  stopAfterTest(() => st.close());
  const g = sim;
  const gun: GunUnderTest = {
    get armed() {
      return g.armed;
    },
    get log() {
      return g.log;
    },
    get pendingShots() {
      return g.pendingShots;
    },
    get budgetRefusals() {
      return g.stats.budgetRefusals;
    },
    fire: (n) => g.fire(n),
    setCorruption: (c) => g.setCorruption(c),
    pairingCodes: g,
  };
  return { gun, st };
}

/** Pairs, then walks a session to mesotherapy with the profile set: returns its id. */
async function toMesotherapy(st: CoreStation, gun: GunUnderTest): Promise<number> {
  await pairUntilReady(st.link, gun.pairingCodes);
  const { sessions, clinician } = st;
  const id = (await sessions.start(clinician, { patientId: st.patientId, intake: { screeningId: st.screeningId } })).id;
  await shortenedThermotherapy(sessions, clinician, id);
  await sessions.prepare(clinician, { sessionId: id, serum: { serumVersionId: st.serumVersionId, lotNumber: LOT.lotNumber, expiry: LOT.expiry }, needleNewConfirmed: true });
  await sessions.setProfile(clinician, { sessionId: id, profile: PROFILE });
  await sessions.prepare(clinician, { sessionId: id, primed: true });
  await sessions.selectZone(clinician, { sessionId: id, zone: 'vertex' });
  await sessions.ackSoftLimit(clinician, { sessionId: id, scope: 'zone', zone: 'vertex', reason: 'integration test: the hard limit is under test' });
  return id;
}

/**
 * One byte in 50 from the gun gets a flipped bit: a tagged dose record (about 100 bytes) arrives damaged
 * 6 times in 7 and is re-sent, and connections are lost now and then. (At 3 %, 9 in 10 IDENTITY frames
 * were damaged too, and the test measured how long reconnecting took by luck, once over 40 s, rather
 * than the budget.)
 */
const NOISE = 0.02;

/** Arming refused because one more shot would pass the hard limit (or less than one shot is left under it). */
const HARD_LIMIT_REFUSALS: ReadonlySet<string> = new Set(['limit.hard', 'limit.budget-below-shot']);

const delivered = (records: readonly SimRecord[]) => records.reduce((s, r) => s + r.deliveredNl, 0);

/**
 * Keeps the clinician's finger on the trigger with the line corrupted: re-sets the profile and re-arms
 * after every stop or reconnect, until arming is refused at the hard limit.
 */
async function fireThroughNoise(st: CoreStation, gun: GunUnderTest, id: number, toStation: number): Promise<void> {
  const { sessions, clinician } = st;
  gun.setCorruption({ toStation });
  // Stalled, not slow: on a loaded machine the corrupted line takes longer to re-authenticate, so the
  // loop gives up only when the gun has delivered nothing new for 40 s (the test's own timeout bounds
  // the whole). Each lost connection's reason goes into the failure, to tell the line from the link.
  const STALL_MS = 40_000;
  const startedAt = Date.now();
  const losses: string[] = [];
  const onLost = ({ reason }: { reason: string }) => losses.push(`${Date.now() - startedAt} ms: ${reason}`);
  st.link.on('disconnected', onLost);
  stopAfterTest(() => st.link.off('disconnected', onLost));
  let lastProgressAt = Date.now();
  let lastDelivered = delivered(gun.log);
  let lastError = 'none';
  for (;;) {
    const now = delivered(gun.log);
    if (now !== lastDelivered) {
      lastDelivered = now;
      lastProgressAt = Date.now();
    }
    if (Date.now() - lastProgressAt > STALL_MS) {
      const { connects, requestTimeouts, decoder } = st.link.stats;
      throw new Error(
        `no hard-limit refusal and no new dose for ${STALL_MS / 1000} s (gun delivered ${now} nL; session armed ${sessions.get(id).armed}, gun armed ${gun.armed}, link ${st.link.state}, last arm error: ${lastError}; ` +
          `${connects} connections, ${requestTimeouts} request timeouts, ${decoder.framesBad} damaged frames; connections lost at ${losses.join(' | ') || 'none'})`,
      );
    }
    if (!sessions.get(id).armed) {
      if (st.link.state !== 'ready') {
        await sleep(50);
        continue;
      }
      try {
        if (!st.link.profile) await sessions.setProfile(clinician, { sessionId: id, profile: PROFILE });
        await sessions.arm(clinician, { sessionId: id });
      } catch (e) {
        if (!(e instanceof CoreError)) throw e;
        if (HARD_LIMIT_REFUSALS.has(e.reason.code)) break;
        lastError = `${e.reason.code}: ${e.message}`;
        // A gun armed behind the session's back (an arm whose answer was lost) is disarmed by hand.
        if (e.reason.code === 'gun.already-armed') await sessions.disarm(clinician, { sessionId: id });
        await sleep(100);
        continue;
      }
    }
    if (gun.armed && gun.pendingShots < 2) gun.fire(3);
    await sleep(30);
  }
  gun.setCorruption({ toStation: 0 });
}

async function everyRecordHeld(st: CoreStation, gun: GunUnderTest): Promise<void> {
  const held = () => (st.db.prepare('SELECT COUNT(*) AS n FROM dose_records').get() as { n: number }).n;
  await waitUntil('every record the gun made is in the ledger', () => held() === gun.log.length, 20_000);
  await st.sessions.whenIdle();
}

it('in process: a station that hears nothing while the gun fires still cannot let it pass the hard limit', async () => {
  const { gun, st, mute } = await inProcess();
  const id = await toMesotherapy(st, gun);
  const events: WorkflowEvent[] = [];
  st.bus.on('workflow.event', (e) => events.push(e));
  await st.sessions.arm(st.clinician, { sessionId: id });
  await waitUntil('gun armed', () => gun.armed, 5_000);
  // Every byte from the gun is lost: no record, no STATUS reaches the station; its heartbeat still
  // reaches the gun, so nothing but the budget stops the gun before the link is declared dead.
  mute(true);
  gun.fire(20);
  await waitUntil('gun stopped firing', () => !gun.armed && gun.pendingShots === 0, 10_000);
  expect(gun.budgetRefusals).toBeGreaterThan(0);
  expect(gun.log.length).toBeLessThan(20);
  expect(delivered(gun.log)).toBeLessThanOrEqual(ZONE_HARD_NL + PROFILE.doseNl);
  mute(false);
  await everyRecordHeld(st, gun);
  const v = st.sessions.get(id);
  expect(v.totalDeliveredNl).toBe(delivered(gun.log));
  expect(v.zones.find((z) => z.zone === 'vertex')?.shots).toBe(gun.log.length);
  // Arming again is refused at the hard limit, and the refusal is recorded.
  await expectCoreError(st.sessions.arm(st.clinician, { sessionId: id }), 'blocked', { reason: 'limit.hard', params: { scope: 'zone', zone: 'vertex', limitNl: ZONE_HARD_NL } });
  expect(v.armed).toBe(false);
  expect(st.sessions.get(id).limitEvents.some((e) => e.kind === 'hard_block' || e.kind === 'hard_stop')).toBe(true);
}, 60_000);

it('in process: records corrupted on the line and re-sent late never let delivery pass the hard limit by more than one shot', async () => {
  const { gun, st } = await inProcess();
  const id = await toMesotherapy(st, gun);
  await fireThroughNoise(st, gun, id, NOISE);
  expect(st.link.stats.decoder.framesBad).toBeGreaterThan(0);
  expect(delivered(gun.log)).toBeLessThanOrEqual(ZONE_HARD_NL + PROFILE.doseNl);
  await everyRecordHeld(st, gun);
  const v = st.sessions.get(id);
  expect(v.zones.find((z) => z.zone === 'vertex')?.deliveredNl).toBe(delivered(gun.log));
  expect(v.limitEvents.some((e) => e.kind === 'hard_block')).toBe(true);
}, 240_000);

it('over the socat pty with corruption on: delivery stays within one shot of the hard limit', async () => {
  const { gun, st } = await overPty();
  const id = await toMesotherapy(st, gun);
  await fireThroughNoise(st, gun, id, NOISE);
  expect(st.link.stats.decoder.framesBad).toBeGreaterThan(0);
  expect(delivered(gun.log)).toBeLessThanOrEqual(ZONE_HARD_NL + PROFILE.doseNl);
  await everyRecordHeld(st, gun);
  expect(st.sessions.get(id).totalDeliveredNl).toBe(delivered(gun.log));
}, 240_000);
