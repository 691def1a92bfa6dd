// The station core in a child process, for the crash test: it resumes the one session wherever the
// database says it is and drives it forward, one workflow step at a time, until it is signed. The
// parent kills it with SIGKILL at random points. Each line on stdout is JSON: what the child just saw.
//   args: stationDir stationPath shotsPerZone
import { ZONES, type Zone } from '../../../electron/contract/sessions.js';
import { CoreError } from '../../../electron/core/errors.js';
import { CLINICIAN_PASSWORD, LOT, completeStageEarly, openStation } from './station.js';

const [stationDir, stationPath, shotsArg] = process.argv.slice(2);
const SHOTS_PER_ZONE = Number(shotsArg);
const ZONES_USED: readonly Zone[] = ZONES;
const PROFILE = { doseNl: 20_000, entryPct: 0, dwellPct: 100, exitPct: 0, depthUm: 2_000, mode: 'papule' as const, minIntervalMs: 150 };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function main(): Promise<void> {
  // Resolves once the session in progress is restored and the link started, before it has connected:
  // the 'init' line below is still exactly what survived the kill.
  const st = await openStation({ dir: stationDir!, stationPath: stationPath! });
  const { sessions, clinician: me } = st;
  const report = (t: string) => {
    const v = sessions.getActive();
    const shots = (st.db.prepare('SELECT COUNT(*) AS n FROM dose_records WHERE session_id IS NOT NULL').get() as { n: number }).n;
    say({ t, sessionId: v?.id ?? null, phase: v?.phase ?? null, step: v?.step ?? null, armed: v?.armed ?? false, shots });
  };
  // Before the link connects: exactly what survived the kill.
  report('init');
  const linkReady = async () => {
    while (st.link.state !== 'ready') await sleep(20);
  };

  for (;;) {
    await sleep(60); // steps spaced out so the kills land in every phase
    const v = sessions.getActive();
    if (!v) {
      const signed = st.db.prepare("SELECT id FROM clinical_sessions WHERE status = 'signed'").get();
      if (signed) break;
      await sessions.start(me, { patientId: st.patientId, intake: { screeningId: st.screeningId } });
      report('step');
      continue;
    }
    const id = v.id;
    try {
      switch (v.phase) {
        case 'thermotherapy': {
          const [stage, state] = v.step.split('.') as ['steam' | 'massage', string];
          if (state === 'ready') await sessions.thermo(me, { sessionId: id, stage }, 'start');
          else await completeStageEarly(sessions, me, id, stage);
          break;
        }
        case 'preparation':
          if (!v.serum)
            await sessions.prepare(me, { sessionId: id, serum: { serumVersionId: st.serumVersionId, lotNumber: LOT.lotNumber, expiry: LOT.expiry }, needleNewConfirmed: true });
          // A kill between the serum and the needle confirmation (two writes) leaves the needle to confirm again,
          // as the clinician would on the resumed screen.
          else if (v.needleConfirmedAt === null) await sessions.prepare(me, { sessionId: id, needleNewConfirmed: true });
          else if (!v.profile) {
            await linkReady();
            await sessions.setProfile(me, { sessionId: id, profile: PROFILE });
          } else await sessions.prepare(me, { sessionId: id, primed: true });
          break;
        case 'mesotherapy': {
          const shots = (z: Zone) => v.zones.find((x) => x.zone === z)!.shots;
          if (v.armed) {
            if (v.zone && shots(v.zone) >= SHOTS_PER_ZONE) await sessions.disarm(me, { sessionId: id });
            else await sleep(40);
            break;
          }
          const next = ZONES_USED.find((z) => shots(z) < SHOTS_PER_ZONE);
          if (!next) await sessions.closing(me, { sessionId: id, oilSerumApplied: true, aftercareGiven: true });
          else if (v.zone !== next) await sessions.selectZone(me, { sessionId: id, zone: next });
          else {
            await linkReady();
            await sessions.arm(me, { sessionId: id });
          }
          break;
        }
        case 'review':
          await sessions.sign(me, { sessionId: id, password: CLINICIAN_PASSWORD });
          break;
        default:
          throw new Error(`unexpected phase ${v.phase}`);
      }
    } catch (e) {
      // After a reconnect the gun may have lost its profile, or the link is not up yet: set it again.
      if (e instanceof CoreError && e.code === 'gun') {
        say({ t: 'gun-error', message: e.message });
        await linkReady();
        if (sessions.getActive()?.phase === 'mesotherapy' && !sessions.getActive()?.armed)
          await sessions.setProfile(me, { sessionId: id, profile: PROFILE }).catch((err: unknown) => say({ t: 'gun-error', message: String(err) }));
        await sleep(100);
        continue;
      }
      throw e;
    }
    report('step');
  }
  report('done');
  await st.close();
  process.exit(0);
}

main().catch((e: unknown) => {
  say({ t: 'error', message: e instanceof Error ? `${e.message}\n${e.stack}` : String(e) });
  process.exit(1);
});
