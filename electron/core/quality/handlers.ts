// Contract handlers for quality.* and review.*: thin adapters to the dashboard and the review queue.
import type { qualityContract } from '../../contract/quality.js';
import type { reviewContract } from '../../contract/review.js';
import type { HandlerMap } from '../dispatch.js';
import type { QualityDashboard } from './dashboard.js';
import type { ReviewQueue } from './reviews.js';

export function qualityHandlers(s: { quality: QualityDashboard; reviews: ReviewQueue }): HandlerMap<typeof qualityContract & typeof reviewContract> {
  return {
    'quality.rates': async (ctx, input) => s.quality.rates(ctx.actor, input),
    'quality.drill': async (ctx, input) => s.quality.drill(ctx.actor, input),
    'quality.reasonCounts': async (ctx, input) => s.quality.reasonCounts(ctx.actor, input),
    'quality.csv': async (ctx, input) => s.quality.csv(ctx.actor, input),
    'review.list': async (ctx, input) => s.reviews.list(ctx.actor, input),
    'review.counts': async (ctx) => s.reviews.counts(ctx.actor),
    'review.sign': async (ctx, input) => s.reviews.sign(ctx.actor, input),
    'review.assignCandidates': async (ctx, input) => s.reviews.candidates(ctx.actor, input),
    'review.assignDose': async (ctx, input) => s.reviews.assignDose(ctx.actor, input),
  };
}
