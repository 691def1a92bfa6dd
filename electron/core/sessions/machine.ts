// The session workflow as an XState v5 machine: phases, their order and the guards between them. It
// is pure (no I/O, no timers): the service checks the world (gun, serum library, credentials), then
// sends an event carrying the facts; the machine decides whether the event is allowed now. Timers are
// stored as timestamps and the remaining time is derived, so a restart never loses or restarts one.
import { assign, setup } from 'xstate';
import { THERMO_CHECKLIST, type ChecklistItem, type DoseProfileView, type Phase, type ThermoStageName, type Zone } from '../../contract/sessions.js';
import type { Reason } from '../../contract/reasons.js';
import { elapsedMs } from './thermo.js';

/**
 * Bump when the machine's states or context change shape. A stored snapshot of another version is
 * never restored blindly: snapshotCodec.ts migrates it explicitly or refuses it.
 * 2: thermotherapy stages keep their checklist ticks and a shortening (an early completion).
 * 3: the final state after the signature is 'signed' (was 'locked': that word is a login's).
 */
export const MACHINE_VERSION = 3;

export type ThermoStage = ThermoStageName;

/** A stage completed before its set time, with an admin's approval. */
export interface Shortening {
  reason: string;
  approvedBy: string;
  approvedByUserId: number;
  /** Running time actually given, pauses excluded. */
  givenMs: number;
}

export interface TimerState {
  plannedMs: number;
  startedAt: number | null;
  endedAt: number | null;
  pauses: { at: number; resumedAt: number | null }[];
  /** Checklist items ticked, with the time of the tick (an unticked item is absent). */
  checks: Partial<Record<ChecklistItem, number>>;
  shortened: Shortening | null;
}

/** The dose profile the session set on the gun: the shape the contract shows it in. */
export type ProfileState = DoseProfileView;

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
  /** warnings: reasons; a session saved before they were codes holds their words (view.ts shows them as stored). */
  intake: { at: number; notes: string | null; warnings: (Reason | string)[] } | null;
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
  | { type: 'INTAKE_DONE'; at: number; notes: string | null; warnings: Reason[] }
  | { type: 'THERMO_START'; at: number; stage: ThermoStage; plannedMs: number }
  | { type: 'THERMO_PAUSE'; at: number; stage: ThermoStage }
  | { type: 'THERMO_RESUME'; at: number; stage: ThermoStage }
  | { type: 'THERMO_CHECK'; at: number; stage: ThermoStage; item: ChecklistItem; checked: boolean }
  /** `shortened`: before its set time, approved by an admin; null when the timer ran its time. */
  | { type: 'THERMO_COMPLETE'; at: number; stage: ThermoStage; shortened: Shortening | null }
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

const timer = (plannedMs: number): TimerState => ({ plannedMs, startedAt: null, endedAt: null, pauses: [], checks: {}, shortened: null });

/** The checklist items of the stage not ticked yet. */
export function uncheckedItems(t: TimerState, stage: ThermoStage): ChecklistItem[] {
  return THERMO_CHECKLIST[stage].filter((item) => t.checks[item] === undefined);
}

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

/**
 * One thermotherapy stage: ready -> running <-> paused -> (next). Its checklist can be ticked at any
 * point of the stage; it completes only with every item ticked and its timer run to its set time, or
 * shortened with an admin's approval. Actions and guards are named in setup().
 */
function stageStates(stage: ThermoStage, next: string) {
  const guard = { type: 'stageIs', params: { stage } } as const;
  const complete = { type: 'stageCanComplete', params: { stage } } as const;
  const act = (type: 'timerStart' | 'timerPause' | 'timerResume' | 'timerEnd' | 'check') => ({ type, params: { stage } }) as const;
  return {
    initial: 'ready' as const,
    on: { THERMO_CHECK: { guard, actions: act('check') } },
    states: {
      ready: { on: { THERMO_START: { guard, target: 'running', actions: act('timerStart') } } },
      running: {
        on: {
          THERMO_PAUSE: { guard, target: 'paused', actions: act('timerPause') },
          THERMO_COMPLETE: { guard: complete, target: next, actions: act('timerEnd') },
        },
      },
      paused: {
        on: {
          THERMO_RESUME: { guard, target: 'running', actions: act('timerResume') },
          THERMO_COMPLETE: { guard: complete, target: next, actions: act('timerEnd') },
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
      thermo: withTimer(context, stage, (t) => ({ ...t, plannedMs: event.type === 'THERMO_START' ? event.plannedMs : t.plannedMs, startedAt: event.at, endedAt: null, pauses: [] })),
    })),
    check: assign(({ context, event }, { stage }: StageParams) => ({
      thermo: withTimer(context, stage, (t) => {
        if (event.type !== 'THERMO_CHECK') return t;
        const { [event.item]: _was, ...rest } = t.checks;
        return { ...t, checks: event.checked ? { ...rest, [event.item]: event.at } : rest };
      }),
    })),
    timerPause: assign(({ context, event }, { stage }: StageParams) => ({
      thermo: withTimer(context, stage, (t) => ({ ...t, pauses: [...t.pauses, { at: event.at, resumedAt: null }] })),
    })),
    timerResume: assign(({ context, event }, { stage }: StageParams) => ({ thermo: withTimer(context, stage, (t) => closeOpenPause(t, event.at)) })),
    timerEnd: assign(({ context, event }, { stage }: StageParams) => ({
      thermo: withTimer(context, stage, (t) => ({ ...closeOpenPause(t, event.at), endedAt: event.at, shortened: event.type === 'THERMO_COMPLETE' ? event.shortened : null })),
    })),
  },
  guards: {
    stageIs: ({ event }, { stage }: StageParams) => 'stage' in event && event.stage === stage,
    // Every checklist item ticked, and the timer run to its set time unless an admin approved shortening it.
    stageCanComplete: ({ context, event }, { stage }: StageParams) => {
      if (event.type !== 'THERMO_COMPLETE' || event.stage !== stage) return false;
      const t = context.thermo[stage];
      if (uncheckedItems(t, stage).length > 0) return false;
      return event.shortened !== null || elapsedMs(t, event.at) >= t.plannedMs;
    },
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
    review: { on: { SIGNED: { target: 'signed', actions: assign(({ event }) => ({ signedAt: event.at })) } } },
    signed: { type: 'final' },
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
