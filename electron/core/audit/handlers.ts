import type { auditContract } from '../../contract/audit.js';
import { actorOf, type HandlerMap } from '../dispatch.js';
import { verifyDoseRecords } from '../ledger/provenance.js';
import { STATION_VERSION, type Services } from '../services.js';
import { exportAuditTrail } from './export.js';
import { auditFacets } from './facets.js';

export function auditHandlers(s: Services): HandlerMap<typeof auditContract> {
  return {
    'audit.list': async (_ctx, { limit, beforeId, ...filter }) => s.audit.list(filter, { limit, beforeId }),
    'audit.verify': async () => s.audit.verify(),
    'audit.verifyDoses': async () => verifyDoseRecords(s.db, s.gunKeys),
    'audit.facets': async () => auditFacets(s.db),
    'audit.export': async (ctx, input) =>
      exportAuditTrail(actorOf(ctx), input, { db: s.db, trail: s.audit, clock: s.clock, software: `meso-station ${STATION_VERSION}`, defaultDir: s.exportsDir }),
  };
}
