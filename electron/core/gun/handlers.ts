import type { gunContract } from '../../contract/gun.js';
import type { HandlerMap } from '../dispatch.js';
import type { GunService } from './gunService.js';

export function gunHandlers(s: { gun: GunService }): HandlerMap<typeof gunContract> {
  return {
    'gun.status': async () => s.gun.view(),
    'gun.beginPairing': async () => s.gun.beginPairing(),
    'gun.pair': async (_ctx, input) => s.gun.pair(input.code),
    'gun.paired': async () => s.gun.paired(),
  };
}
