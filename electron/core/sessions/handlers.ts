// The sessions and ledger handlers as the dispatcher (core/dispatch.ts) calls them: the actor comes
// from the login, the input is already parsed by the method's schema and the role checked. Every
// method here needs a login, so the dispatcher has refused a caller without one: a read needs no
// actor of its own.
import type { SessionsContract } from '../../contract/sessions.js';
import { actorOf, type HandlerMap } from '../dispatch.js';
import type { SessionRecords } from './history.js';
import type { SessionService } from './service.js';

export type SessionsHandlers = HandlerMap<SessionsContract>;

/** The read-only records methods: the admin's session browser and a patient's history. */
export function sessionRecordsHandlers(records: SessionRecords): HandlerMap<Pick<SessionsContract, 'sessions.list' | 'sessions.history'>> {
  return {
    'sessions.list': async (_ctx, i) => records.list(i),
    'sessions.history': async (_ctx, i) => records.history(i.patientId, i.limit),
  };
}

export function sessionsHandlers(s: SessionService, records: SessionRecords): SessionsHandlers {
  return {
    'sessions.start': async (ctx, i) => s.start(actorOf(ctx), i),
    'sessions.get': async (_ctx, i) => s.get(i.sessionId),
    'sessions.active': async (_ctx) => s.getActive(),
    'sessions.thermo.start': async (ctx, i) => s.thermo(actorOf(ctx), i, 'start'),
    'sessions.thermo.pause': async (ctx, i) => s.thermo(actorOf(ctx), i, 'pause'),
    'sessions.thermo.resume': async (ctx, i) => s.thermo(actorOf(ctx), i, 'resume'),
    'sessions.thermo.check': async (ctx, i) => s.checkThermo(actorOf(ctx), i),
    'sessions.thermo.complete': async (ctx, i) => s.completeThermo(actorOf(ctx), i),
    'sessions.thermo.skip': async (ctx, i) => s.skipThermo(actorOf(ctx), i),
    'sessions.prepare': async (ctx, i) => s.prepare(actorOf(ctx), i),
    'sessions.setProfile': async (ctx, i) => s.setProfile(actorOf(ctx), i),
    'sessions.selectZone': async (ctx, i) => s.selectZone(actorOf(ctx), i),
    'sessions.arm': async (ctx, i) => s.arm(actorOf(ctx), i),
    'sessions.disarm': async (ctx, i) => s.disarm(actorOf(ctx), i),
    'sessions.ackSoftLimit': async (ctx, i) => s.ackSoftLimit(actorOf(ctx), i),
    'sessions.closing': async (ctx, i) => s.closing(actorOf(ctx), i),
    'sessions.sign': async (ctx, i) => s.sign(actorOf(ctx), i),
    'sessions.abort': async (ctx, i) => s.abort(actorOf(ctx), i),
    'sessions.addendum': async (ctx, i) => s.addendum(actorOf(ctx), i),
    ...sessionRecordsHandlers(records),
    'sessions.shots': async (_ctx, i) => s.shots(i.sessionId),
    'ledger.unattributed': async (_ctx, i) => s.unattributed(i.limit, i.offset),
  };
}
