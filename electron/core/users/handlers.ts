// Contract handlers for login, lock and user administration, and for first-run set-up.
import type { stationContract } from '../../contract/station.js';
import type { usersContract } from '../../contract/users.js';
import { actorOf, type HandlerMap } from '../dispatch.js';
import type { Services } from '../services.js';

const ok = { ok: true } as const;

export function usersHandlers(s: Services): HandlerMap<typeof usersContract> {
  return {
    'auth.login': async ({ conn }, input) => s.auth.login(conn, input.username, input.password),
    'auth.logout': async ({ conn }) => (s.auth.logout(conn), ok),
    'auth.lock': async ({ conn }) => (s.auth.lock(conn), ok),
    'auth.unlock': async ({ conn }, input) => s.auth.unlock(conn, input.password),
    'auth.whoami': async ({ conn }) => s.auth.whoami(conn),
    'auth.changePassword': async (ctx, input) => (await s.users.changeOwnPassword(actorOf(ctx), input.currentPassword, input.newPassword), ok),
    'users.list': async (_ctx, input) => s.users.list(input.includeDisabled ?? false),
    'users.create': async (ctx, input) => s.users.create(actorOf(ctx), input),
    'users.resetPassword': async (ctx, input) => {
      await s.users.resetPassword(actorOf(ctx), input.userId, input.newPassword, input.reason);
      // Whoever held the old password is out at once.
      if (input.userId !== actorOf(ctx).userId) s.sessions.endAllOf(input.userId);
      return ok;
    },
    'users.disable': async (ctx, input) => {
      const view = s.users.setDisabled(actorOf(ctx), input.userId, true, input.reason);
      s.sessions.endAllOf(input.userId);
      return view;
    },
    'users.enable': async (ctx, input) => s.users.setDisabled(actorOf(ctx), input.userId, false, input.reason),
  };
}

export function stationHandlers(s: Services): HandlerMap<typeof stationContract> {
  return {
    'setup.status': async () => ({
      needsSetup: s.users.needsSetup(),
      stationName: s.settings.store.get('stationName'),
      room: s.settings.store.get('room'),
      language: s.settings.store.get('language'),
    }),
    'setup.createAdmin': async ({ conn }, input) => {
      const actor = await s.users.createFirstAdmin(input);
      return s.auth.begin(conn, { ...actor, mustChangePassword: false });
    },
  };
}
