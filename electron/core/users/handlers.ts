// Contract handlers for login, lock and user administration, and for first-run set-up.
import type { stationContract } from '../../contract/station.js';
import type { usersContract } from '../../contract/users.js';
import { actorOf, type HandlerMap } from '../dispatch.js';
import type { Services } from '../services.js';

const ok = { ok: true } as const;

export function usersHandlers(s: Services): HandlerMap<typeof usersContract> {
  return {
    'auth.login': async ({ conn }, input) => s.auth.login(conn, input.username, input.password),
    'auth.logout': async ({ conn }) => s.auth.logout(conn),
    'auth.lock': async ({ conn }) => s.auth.lock(conn),
    // The dispatcher has already counted the call as activity.
    'auth.activity': async () => ok,
    'auth.unlock': async ({ conn }, input) => s.auth.unlock(conn, input.password),
    'auth.whoami': async ({ conn }) => s.auth.whoami(conn),
    'auth.setLanguage': async (ctx, input) => {
      s.users.setLanguage(actorOf(ctx), input.language);
      return s.auth.whoami(ctx.conn).user!;
    },
    'auth.changePassword': async (ctx, input) => (await s.users.changeOwnPassword(actorOf(ctx), input.currentPassword, input.newPassword), ok),
    'users.list': async (_ctx, input) => s.users.list(input.includeDisabled ?? false),
    'users.create': async (ctx, input) => s.users.create(actorOf(ctx), input),
    'users.resetPassword': async (ctx, input) => {
      await s.users.resetPassword(actorOf(ctx), input.userId, input.newPassword, input.reason);
      // Whoever held the old password is out at once (the gun disarmed first if it was theirs).
      if (input.userId !== actorOf(ctx).userId) await s.auth.endAllOf(input.userId, actorOf(ctx));
      return ok;
    },
    'users.disable': async (ctx, input) => {
      const view = s.users.setDisabled(actorOf(ctx), input.userId, true, input.reason);
      await s.auth.endAllOf(input.userId, actorOf(ctx));
      return view;
    },
    'users.enable': async (ctx, input) => s.users.setDisabled(actorOf(ctx), input.userId, false, input.reason),
  };
}

export function stationHandlers(s: Services): HandlerMap<typeof stationContract> {
  return {
    'setup.status': async () => ({
      needsSetup: s.users.needsSetup(),
      mode: s.mode,
      stationName: s.settings.store.get('stationName'),
      room: s.settings.store.get('room'),
      language: s.settings.store.get('language'),
    }),
    'setup.createAdmin': async ({ conn }, input) => {
      const actor = await s.users.createFirstAdmin(input);
      return s.auth.begin(conn, { ...actor, mustChangePassword: false, language: null });
    },
  };
}
