// The contract's training.* handlers. Entering and leaving training are audited (in the trail of the
// station being left) with who asked, or the station when nobody was signed in.
import type { trainingContract } from '../../contract/training.js';
import type { StationMode } from '../../contract/station.js';
import { auditedAs } from '../access/standing.js';
import type { HandlerContext, HandlerMap } from '../dispatch.js';
import { refused } from '../errors.js';
import type { Services } from '../services.js';
import type { TrainingPort } from './port.js';

export function trainingHandlers(s: Services, port: TrainingPort | null, mode: StationMode): HandlerMap<typeof trainingContract> {
  const status = () => ({ mode, simulator: mode === 'training' ? (port?.simulator() ?? null) : null });
  const switchTo = (ctx: HandlerContext, to: StationMode) => {
    if (!port) throw refused('blocked', { code: 'training.unavailable' }, 'this station cannot switch modes (no host to restart its core)');
    const who = auditedAs(ctx.standing);
    s.audit.append({ actor: who.actor, systemActor: who.systemActor, action: to === 'training' ? 'station.training-enter' : 'station.training-leave', entity: 'station', entityId: null, newValue: { from: mode, to, ...(who.screenUser ? { screenUser: who.screenUser } : {}) } });
    port.switchTo(to);
    return { ok: true as const, mode: to };
  };
  return {
    'training.status': async () => status(),
    'training.enter': async (ctx) => {
      if (mode === 'training') return { ok: true, mode };
      const active = s.sessionsArea.sessions.getActiveId();
      if (active !== null)
        throw refused('blocked', { code: 'training.session-in-progress', params: { sessionId: active } }, `session ${active} is in progress: finish or abort it before switching to training`);
      if (s.link.state === 'ready') throw refused('blocked', { code: 'training.gun-connected' }, 'a gun is connected: training mode is for when no gun is found');
      return switchTo(ctx, 'training');
    },
    'training.leave': async (ctx) => (mode === 'clinical' ? { ok: true, mode } : switchTo(ctx, 'clinical')),
    'training.trigger': async (ctx, input) => {
      if (mode !== 'training') throw refused('blocked', { code: 'training.only' }, 'the on-screen trigger exists only in training mode');
      if (!port?.simulator()) throw refused('blocked', { code: 'training.no-simulator' }, 'the simulated gun runs in another process here: use its own terminal');
      port.trigger(input.held, ctx.conn.id);
      return { ok: true };
    },
  };
}
