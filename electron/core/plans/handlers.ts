// Contract handlers for plans.*: thin adapters from (actor, parsed input) to PlanService.
import type { plansContract } from '../../contract/plans.js';
import type { HandlerMap } from '../dispatch.js';
import type { PlanService } from './service.js';

export function plansHandlers(s: { plans: PlanService }): HandlerMap<typeof plansContract> {
  return {
    'plans.get': async (_ctx, input) => s.plans.get(input),
    'plans.draft': async (_ctx, input) => s.plans.draft(input),
    'plans.save': async (ctx, input) => s.plans.save(ctx.actor, input),
  };
}
