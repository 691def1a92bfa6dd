import type { settingsContract } from '../../contract/settings.js';
import { actorOf, type HandlerMap } from '../dispatch.js';
import type { Services } from '../services.js';

export function settingsHandlers(s: Services): HandlerMap<typeof settingsContract> {
  return {
    'settings.get': async () => s.settings.view(),
    'settings.update': async (ctx, input) => s.settings.update(actorOf(ctx), input.changes, input.reason),
    'settings.forgetGun': async (ctx, input) => {
      const view = s.settings.forgetGun(actorOf(ctx), input.serial, input.reason);
      s.gun.forgotten(input.serial);
      return view;
    },
  };
}
