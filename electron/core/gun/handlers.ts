import type { gunContract } from '../../contract/gun.js';
import { actorOf, type HandlerMap } from '../dispatch.js';
import { gunDisarmHandler, type GunDisarmDeps } from './disarmHandler.js';
import type { GunService } from './gunService.js';

export function gunHandlers(s: { gun: GunService } & GunDisarmDeps): HandlerMap<typeof gunContract> {
  return {
    'gun.status': async () => s.gun.view(),
    // The caller is recorded as the one who paired (the dispatcher resolved them from the login).
    'gun.beginPairing': async (ctx) => s.gun.beginPairing(actorOf(ctx)),
    'gun.pair': async (ctx, input) => s.gun.pair(actorOf(ctx), input.code),
    'gun.paired': async () => s.gun.paired(),
    'gun.disarm': gunDisarmHandler(s),
  };
}
