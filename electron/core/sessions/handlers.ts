// The sessions and ledger handlers as the dispatcher (core/dispatch.ts) calls them: the actor comes
// from the login, the input is already parsed by the method's schema and the role checked.
import type { SessionsContract } from '../../contract/sessions.js';
import { actorOf, type HandlerMap } from '../dispatch.js';
import type { SessionRecords } from './history.js';
import type { SessionService } from './service.js';

export type SessionsHandlers = HandlerMap<SessionsContract>;

/** The read-only records methods: the admin's session browser and a patient's history. */
export function sessionRecordsHandlers(records: SessionRecords): HandlerMap<Pick<SessionsContract, 'sessions.list' | 'sessions.history'>> {
  return {
    'sessions.list': async (ctx, i) => {
      actorOf(ctx);
      return records.list(i);
    },
    'sessions.history': async (ctx, i) => {
      actorOf(ctx);
      return records.history(i.patientId, i.limit);
    },
  };
}

export function sessionsHandlers(s: SessionService, records: SessionRecords): SessionsHandlers {
  return {
    'sessions.start': async (ctx, i) => s.start(actorOf(ctx), i),
    'sessions.get': async (ctx, i) => {
      actorOf(ctx);
      return s.get(i.sessionId);
    },
    'sessions.active': async (ctx) => {
      actorOf(ctx);
      return s.getActive();
    },
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
    'sessions.shots': async (ctx, i) => {
      actorOf(ctx);
      return s.shots(i.sessionId);
    },
    'ledger.unattributed': async (ctx, i) => {
      actorOf(ctx);
      return s.unattributed(i.limit, i.offset);
    },
  };
}
