// The quality dashboard's questions (contract/quality.ts), admin only: rates per 100 shots, the
// sessions behind a row, reason counts, and each as CSV. Reads only; every figure comes from SQL.
import type { z } from 'zod';
import { qualityCsvInput, qualityDrillInput, qualityRangeInput, qualityRatesInput, type QualityCsv, type QualityDrill, type QualityRates, type QualityReasonCount } from '../../contract/quality.js';
import type { Actor } from '../access/actor.js';
import { parseInput, requireAdmin } from '../serviceChecks.js';
import type { Db } from '../storage/db.js';
import { ratesCsv, reasonsCsv } from './csv.js';
import { qualityDrill } from './drill.js';
import { qualityRates } from './rates.js';
import { reasonCounts } from './reasonCounts.js';

export class QualityDashboard {
  constructor(private readonly db: Db) {}

  rates(actor: Actor | null, input: z.input<typeof qualityRatesInput>): QualityRates {
    requireAdmin(actor);
    return qualityRates(this.db, parseInput(qualityRatesInput, input));
  }

  drill(actor: Actor | null, input: z.input<typeof qualityDrillInput>): QualityDrill {
    requireAdmin(actor);
    return qualityDrill(this.db, parseInput(qualityDrillInput, input));
  }

  reasonCounts(actor: Actor | null, input: z.input<typeof qualityRangeInput>): QualityReasonCount[] {
    requireAdmin(actor);
    return reasonCounts(this.db, parseInput(qualityRangeInput, input));
  }

  csv(actor: Actor | null, input: z.input<typeof qualityCsvInput>): QualityCsv {
    requireAdmin(actor);
    const q = parseInput(qualityCsvInput, input);
    if (q.table === 'reasons') return reasonsCsv(q, reasonCounts(this.db, q));
    return ratesCsv(qualityRates(this.db, q));
  }
}
