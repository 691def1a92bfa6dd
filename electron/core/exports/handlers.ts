// The exports area's contract handlers (joined into electron/core/handlers.ts by the lead).
import type { exportsContract } from '../../contract/exports.js';
import { actorOf, type HandlerMap } from '../dispatch.js';
import type { ExportService } from './service.js';

export function exportsHandlers(service: ExportService): HandlerMap<typeof exportsContract> {
  return {
    'exports.run': async (ctx, input) => service.run(actorOf(ctx), input),
    'exports.progress': async (ctx, input) => service.progress(actorOf(ctx), input.jobId),
    'exports.cancel': async (ctx, input) => service.cancel(actorOf(ctx), input.jobId),
  };
}
