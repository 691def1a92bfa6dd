// The contract's gun.disarm handler. It lives apart from gunService.ts because disarming is the
// session workflow's business (it records the disarm on the session that had the gun armed, and
// audits who did it); this only turns the call into SessionService.disarmGun and answers with the
// gun's view. Registered in gun/handlers.ts:  'gun.disarm': gunDisarmHandler(s),
//
// gun.disarm is public: the stop works from every state of the station (signed in, locked, a
// password change pending, the login screen) for any connection the host trusts. Who pressed it is
// audited from the caller's standing: the signed-in user, or the station ("station (locked)").
import type { gunContract } from '../../contract/gun.js';
import { auditedAs } from '../access/standing.js';
import type { Handler } from '../dispatch.js';
import type { SessionService } from '../sessions/service.js';
import type { GunService } from './gunService.js';

export interface GunDisarmDeps {
  gun: Pick<GunService, 'view'>;
  sessionsArea: { sessions: Pick<SessionService, 'disarmGun'> };
}

export function gunDisarmHandler(s: GunDisarmDeps): Handler<(typeof gunContract)['gun.disarm']> {
  return async (ctx) => {
    // Never refused for the gun's state: a gun that cannot be reached disarms itself on silence, and
    // the audit row says whether it acknowledged.
    await s.sessionsArea.sessions.disarmGun({ ...auditedAs(ctx.standing), cause: 'stop' });
    return s.gun.view();
  };
}
