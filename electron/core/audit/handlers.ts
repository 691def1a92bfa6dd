import type { auditContract } from '../../contract/audit.js';
import type { HandlerMap } from '../dispatch.js';
import { verifyDoseRecords } from '../ledger/provenance.js';
import type { Services } from '../services.js';

export function auditHandlers(s: Services): HandlerMap<typeof auditContract> {
  return {
    'audit.list': async (_ctx, { limit, beforeId, ...filter }) => s.audit.list(filter, { limit, beforeId }),
    'audit.verify': async () => s.audit.verify(),
    'audit.verifyDoses': async () => verifyDoseRecords(s.db, s.gunKeys),
  };
}
