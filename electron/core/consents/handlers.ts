// Contract handlers for consents.*: thin adapters from (actor, parsed input) to ConsentService.
import type { consentsContract } from '../../contract/consents.js';
import type { HandlerMap } from '../dispatch.js';
import type { ConsentService } from './service.js';

export function consentsHandlers(s: { consents: ConsentService }): HandlerMap<typeof consentsContract> {
  return {
    'consents.templates': async (_ctx, input) => s.consents.templates(input),
    'consents.saveTemplate': async (ctx, input) => s.consents.saveTemplate(ctx.actor, input),
    'consents.record': async (ctx, input) => s.consents.record(ctx.actor, input),
    'consents.withdraw': async (ctx, input) => s.consents.withdraw(ctx.actor, input),
  };
}
