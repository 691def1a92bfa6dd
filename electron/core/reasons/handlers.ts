// Contract handlers for reasonCodes.*: thin adapters to the coded-reason list.
import type { reasonCodesContract } from '../../contract/reasonCodes.js';
import type { HandlerMap } from '../dispatch.js';
import type { ReasonCodes } from './reasonCodes.js';

export function reasonCodesHandlers(s: { reasonCodes: ReasonCodes }): HandlerMap<typeof reasonCodesContract> {
  return {
    'reasonCodes.list': async (_ctx, input) => s.reasonCodes.list(input),
    'reasonCodes.create': async (ctx, input) => s.reasonCodes.create(ctx.actor, input),
    'reasonCodes.update': async (ctx, input) => s.reasonCodes.update(ctx.actor, input),
    'reasonCodes.setRetired': async (ctx, input) => s.reasonCodes.setRetired(ctx.actor, input),
  };
}
