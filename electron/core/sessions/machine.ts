// The session workflow as an XState v5 machine: phases, their order and the guards between them. It
// is pure (no I/O, no timers): the service checks the world (gun, serum library, credentials), then
// sends an event carrying the facts; the machine decides whether the event is allowed now. Timers are
// stored as timestamps and the remaining time is derived, so a restart never loses or restarts one.
import { assign, setup } from 'xstate';
import type { DoseModeName, Phase, Zone } from '../../contract/sessions.js';

/**
 * Bump when the machine's states or context change shape. A stored snapshot of another version is
 * never restored blindly: snapshotCodec.ts migrates it explicitly or refuses it.
 */
export const MACHINE_VERSION = 1;

export type ThermoStage = 'steam' | 'massage';

export interface TimerState {
  plannedMs: number;
  startedAt: number | null;
  endedAt: number | null;
  pauses: { at: number; resumedAt: number | null }[];
}

export interface ProfileState {
  doseNl: number;
  entryPct: number;
  dwellPct: number;
  exitPct: number;
  depthUm: number;
  mode: DoseModeName;
  minIntervalMs: number;
}

export interface SerumState {
  serumVersionId: number;
  name: string;
  lotId: number;
  lotNumber: string;
  expiry: string;
}

export interface GunState {
  serial: string;
  model: string;
  firmware: string;
  simulated: boolean;
}

export interface SessionContext {
  sessionId: number;
  intake: { at: number; notes: string | null; warnings: string[] } | null;
  thermo: { steam: TimerState; massage: TimerState; skipped: { reason: string; approvedBy: string; approvedByUserId: number; at: number } | null };
  serum: SerumState | null;
  zoneTargetsNl: Partial<Record<Zone, number>>;
  needleConfirmedAt: number | null;
  primedAt: number | null;
  /** The gun that echoed the profile: arming another gun needs the profile set again. */
  gun: GunState | null;
  profile: ProfileState | null;
  zone: Zone | null;
  armWindowId: number | null;
  closing: { oilSerumApplied: boolean; aftercareGiven: boolean; notes: string | null; at: number } | null;
  abort: { reason: string; at: number; phase: Phase } | null;
  signedAt: number | null;
}

export type SessionEvent =
  | { type: 'INTAKE_DONE'; at: number; notes: string | null; warnings: string[] }
  | { type: 'THERMO_START'; at: number; stage: ThermoStage; plannedMs: number }
  | { type: 'THERMO_PAUSE'; at: number; stage: ThermoStage }
  | { type: 'THERMO_RESUME'; at: number; stage: ThermoStage }
  | { type: 'THERMO_COMPLETE'; at: number; stage: ThermoStage }
  | { type: 'THERMO_SKIP'; at: number; reason: string; approvedBy: string; approvedByUserId: number }
  | { type: 'SERUM_CHOSEN'; at: number; serum: SerumState; zoneTargetsNl: Partial<Record<Zone, number>> }
  | { type: 'ZONE_TARGETS'; at: number; zoneTargetsNl: Partial<Record<Zone, number>> }
  | { type: 'NEEDLE_CONFIRMED'; at: number }
  | { type: 'PROFILE_SET'; at: number; profile: ProfileState; gun: GunState }
  | { type: 'PRIMED'; at: number }
  | { type: 'ZONE_SELECTED'; at: number; zone: Zone }
  | { type: 'ARMED'; at: number; armWindowId: number }
  | { type: 'DISARMED'; at: number; reason: string }
  | { type: 'MESO_FINISHED'; at: number }
  | { type: 'CLOSING_DONE'; at: number; oilSerumApplied: boolean; aftercareGiven: boolean; notes: string | null }
  | { type: 'SIGNED'; at: number }
  | { type: 'ABORT'; at: number; reason: string; phase: Phase };

export type SessionEventType = SessionEvent['type'];

const timer = (plannedMs: number): TimerState => ({ plannedMs, startedAt: null, endedAt: null, pauses: [] });

export function initialContext(sessionId: number): SessionContext {
  return {
    sessionId,
    intake: null,
    thermo: { steam: timer(0), massage: timer(0), skipped: null },
    serum: null,
    zoneTargetsNl: {},
    needleConfirmedAt: null,
    primedAt: null,
    gun: null,
    profile: null,
    zone: null,
    armWindowId: null,
    closing: null,
    abort: null,
    signedAt: null,
  };
}

function withTimer(ctx: SessionContext, stage: ThermoStage, f: (t: TimerState) => TimerState): SessionContext['thermo'] {
  return { ...ctx.thermo, [stage]: f(ctx.thermo[stage]) };
}

const closeOpenPause = (t: TimerState, at: number): TimerState => ({
  ...t,
  pauses: t.pauses.map((p) => (p.resumedAt === null ? { ...p, resumedAt: at } : p)),
});

/** One thermotherapy stage: ready -> running <-> paused -> (next). Actions and guards are named in setup(). */
function stageStates(stage: ThermoStage, next: string) {
  const guard = { type: 'stageIs', params: { stage } } as const;
  const act = (type: 'timerStart' | 'timerPause' | 'timerResume' | 'timerEnd') => ({ type, params: { stage } }) as const;
  return {
    initial: 'ready' as const,
    states: {
      ready: { on: { THERMO_START: { guard, target: 'running', actions: act('timerStart') } } },
      running: {
        on: {
          THERMO_PAUSE: { guard, target: 'paused', actions: act('timerPause') },
          THERMO_COMPLETE: { guard, target: next, actions: act('timerEnd') },
        },
      },
      paused: {
        on: {
          THERMO_RESUME: { guard, target: 'running', actions: act('timerResume') },
          THERMO_COMPLETE: { guard, target: next, actions: act('timerEnd') },
        },
      },
    },
  };
}

type StageParams = { stage: ThermoStage };

export const sessionMachine = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as { sessionId: number },
  },
  actions: {
    timerStart: assign(({ context, event }, { stage }: StageParams) => ({
      thermo: withTimer(context, stage, (t) => ({ plannedMs: event.type === 'THERMO_START' ? event.plannedMs : t.plannedMs, startedAt: event.at, endedAt: null, pauses: [] })),
    })),
    timerPause: assign(({ context, event }, { stage }: StageParams) => ({
      thermo: withTimer(context, stage, (t) => ({ ...t, pauses: [...t.pauses, { at: event.at, resumedAt: null }] })),
    })),
    timerResume: assign(({ context, event }, { stage }: StageParams) => ({ thermo: withTimer(context, stage, (t) => closeOpenPause(t, event.at)) })),
    timerEnd: assign(({ context, event }, { stage }: StageParams) => ({ thermo: withTimer(context, stage, (t) => ({ ...closeOpenPause(t, event.at), endedAt: event.at })) })),
  },
  guards: {
    stageIs: ({ event }, { stage }: StageParams) => 'stage' in event && event.stage === stage,
    prepared: ({ context }) =>
      context.serum !== null && context.needleConfirmedAt !== null && context.primedAt !== null && context.profile !== null && context.gun !== null,
    canArm: ({ context }) => context.zone !== null && context.profile !== null && context.gun !== null && context.serum !== null,
    notArmed: ({ context }) => context.armWindowId === null,
  },
}).createMachine({
  id: 'session',
  initial: 'intake',
  context: ({ input }) => initialContext(input.sessionId),
  on: {
    // Abort from any phase; the service disarms the gun first, and the guard holds it to that.
    ABORT: {
      guard: 'notArmed',
      target: '.aborted',
      actions: assign(({ event }) => ({ abort: { reason: event.reason, at: event.at, phase: event.phase } })),
    },
  },
  states: {
    intake: {
      on: { INTAKE_DONE: { target: 'thermotherapy', actions: assign(({ event }) => ({ intake: { at: event.at, notes: event.notes, warnings: event.warnings } })) } },
    },
    thermotherapy: {
      initial: 'steam',
      on: {
        THERMO_SKIP: {
          target: 'preparation',
          actions: assign(({ event }) => ({
            thermo: {
              steam: timer(0),
              massage: timer(0),
              skipped: { reason: event.reason, approvedBy: event.approvedBy, approvedByUserId: event.approvedByUserId, at: event.at },
            },
          })),
        },
      },
      states: {
        steam: stageStates('steam', '#session.thermotherapy.massage'),
        massage: stageStates('massage', '#session.preparation'),
      },
    },
    preparation: {
      always: { guard: 'prepared', target: 'mesotherapy' },
      on: {
        // A different serum invalidates the profile (checked against the old serum's limits) and priming.
        SERUM_CHOSEN: {
          actions: assign(({ event }) => ({ serum: event.serum, zoneTargetsNl: event.zoneTargetsNl, profile: null, primedAt: null })),
        },
        ZONE_TARGETS: { actions: assign(({ event }) => ({ zoneTargetsNl: event.zoneTargetsNl })) },
        NEEDLE_CONFIRMED: { actions: assign(({ event }) => ({ needleConfirmedAt: event.at })) },
        PROFILE_SET: { actions: assign(({ event }) => ({ profile: event.profile, gun: event.gun })) },
        PRIMED: { actions: assign(({ event }) => ({ primedAt: event.at })) },
      },
    },
    mesotherapy: {
      initial: 'disarmed',
      states: {
        disarmed: {
          on: {
            ZONE_SELECTED: { actions: assign(({ event }) => ({ zone: event.zone })) },
            ZONE_TARGETS: { actions: assign(({ event }) => ({ zoneTargetsNl: event.zoneTargetsNl })) },
            PROFILE_SET: { actions: assign(({ event }) => ({ profile: event.profile, gun: event.gun })) },
            ARMED: { guard: 'canArm', target: 'armed', actions: assign(({ event }) => ({ armWindowId: event.armWindowId })) },
            MESO_FINISHED: { target: '#session.closing' },
          },
        },
        armed: {
          on: { DISARMED: { target: 'disarmed', actions: assign({ armWindowId: null }) } },
        },
      },
    },
    closing: {
      on: {
        CLOSING_DONE: {
          target: 'review',
          actions: assign(({ event }) => ({
            closing: { oilSerumApplied: event.oilSerumApplied, aftercareGiven: event.aftercareGiven, notes: event.notes, at: event.at },
          })),
        },
      },
    },
    review: { on: { SIGNED: { target: 'locked', actions: assign(({ event }) => ({ signedAt: event.at })) } } },
    locked: { type: 'final' },
    aborted: { type: 'final' },
  },
});

export type SessionMachine = typeof sessionMachine;

/** Phase and sub-step from a state value like { thermotherapy: { steam: 'running' } }. */
export function phaseOf(value: unknown): { phase: Phase; step: string } {
  if (typeof value === 'string') return { phase: value as Phase, step: '' };
  const entries = Object.entries(value as Record<string, unknown>);
  const [phase, inner] = entries[0] ?? ['intake', ''];
  const step: string[] = [];
  let v: unknown = inner;
  while (v && typeof v === 'object') {
    const [k, next] = Object.entries(v as Record<string, unknown>)[0] ?? ['', undefined];
    step.push(k);
    v = next;
  }
  if (typeof v === 'string') step.push(v);
  return { phase: phase as Phase, step: step.join('.') };
}
