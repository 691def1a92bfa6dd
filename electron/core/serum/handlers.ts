// Contract handlers for serum.*: thin adapters from (actor, parsed input) to the library and lots.
import type { serumContract } from '../../contract/serum.js';
import type { HandlerMap } from '../dispatch.js';
import type { SerumGovernance } from './governance.js';
import type { SerumLibrary } from './library.js';
import type { SerumLots } from './lots.js';

export function serumHandlers(s: { serumLibrary: SerumLibrary; serumLots: SerumLots; serumGovernance: SerumGovernance }): HandlerMap<typeof serumContract> {
  return {
    'serum.list': async () => s.serumLibrary.list(),
    'serum.get': async (_ctx, input) => s.serumLibrary.get(input),
    'serum.approveExample': async (ctx, input) => s.serumLibrary.approveExample(ctx.actor, input),
    'serum.drafts.list': async (ctx, input) => s.serumGovernance.drafts(ctx.actor, input),
    'serum.drafts.create': async (ctx, input) => s.serumGovernance.createDraft(ctx.actor, input),
    'serum.drafts.withdraw': async (ctx, input) => s.serumGovernance.withdraw(ctx.actor, input),
    'serum.drafts.approve': async (ctx, input) => s.serumGovernance.approve(ctx.actor, input),
    'serum.diff': async (_ctx, input) => s.serumGovernance.diff(input),
    'serum.retire': async (ctx, input) => s.serumGovernance.retire(ctx.actor, input),
    'serum.lots.list': async (_ctx, input) => s.serumLots.list(input),
    'serum.lots.receive': async (ctx, input) => s.serumLots.receive(ctx.actor, input),
    'serum.lots.setStatus': async (ctx, input) => s.serumLots.setStatus(ctx.actor, input),
    'serum.lots.recipients': async (_ctx, input) => s.serumLots.recipients(input),
  };
}
