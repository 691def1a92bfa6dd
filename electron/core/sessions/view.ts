// Builds what the screens see of a session from its row, its workflow context and the ledger. Totals
// come from dose_records every time; nothing here is stored.
import { ZONES, type Phase, type SessionView, type ZoneTotalView } from '../../contract/sessions.js';
import { zoneTotals } from '../ledger/doseTable.js';
import { listLimitEvents } from '../ledger/limitEvents.js';
import { recordedText, type Reason } from '../../contract/reasons.js';
import type { Db } from '../storage/db.js';
import type { LimitProblem, VolumeLimits } from './limits.js';
import type { SessionContext } from './machine.js';
import { listAddenda, listSignatures, type SessionRow } from './repo.js';
import { listInterruptions } from './interruptions.js';
import { timerView } from './thermo.js';

export interface ViewInput {
  row: SessionRow;
  ctx: SessionContext;
  phase: Phase;
  step: string;
  limits: VolumeLimits | null;
  serumName: string | null;
  now: number;
  /**
   * The soft limits the next shot would pass unacknowledged, from the volume guard (the same figures
   * arm() judges, records still on their way included): arming waits for these.
   */
  softAcksNeeded: readonly LimitProblem[];
  /** The last automatic profile re-send failed (held in memory by the service only). */
  profileResendError?: Reason | null;
}

export function buildView(db: Db, v: ViewInput): SessionView {
  const { row, ctx, limits } = v;
  const totals = new Map(zoneTotals(db, row.id).map((t) => [t.zone, t]));
  const zones: ZoneTotalView[] = ZONES.map((zone) => {
    const t = totals.get(zone);
    return {
      zone,
      deliveredNl: t?.deliveredNl ?? 0,
      commandedNl: t?.commandedNl ?? 0,
      shots: t?.shots ?? 0,
      targetNl: ctx.zoneTargetsNl[zone] ?? null,
      softMaxNl: limits?.zoneSoftNl ?? null,
      hardMaxNl: limits?.zoneHardNl ?? null,
    };
  });
  // Records held but not in a known zone cannot exist (zone is set with the session); sum all rows anyway.
  const totalDeliveredNl = [...totals.values()].reduce((s, t) => s + t.deliveredNl, 0);
  const totalShots = [...totals.values()].reduce((s, t) => s + t.shots, 0);
  const softAcksNeeded = v.softAcksNeeded.map((p) => ({ scope: p.scope, zone: p.zone, reason: p.reason }));
  const skipped = ctx.thermo.skipped;
  return {
    id: row.id,
    patientId: row.patient_id,
    courseId: row.course_id,
    clinician: { userId: row.clinician_user_id, username: row.clinician_username, displayName: row.clinician_display_name },
    phase: v.phase,
    step: v.step,
    status: row.status,
    startedAt: row.started_at,
    thermo: {
      steam: timerView(ctx.thermo.steam, v.now),
      massage: timerView(ctx.thermo.massage, v.now),
      skipped: skipped ? { reason: skipped.reason, approvedBy: skipped.approvedBy, at: skipped.at } : null,
    },
    serum: ctx.serum
      ? { serumVersionId: ctx.serum.serumVersionId, name: v.serumName ?? ctx.serum.name, lotId: ctx.serum.lotId, lotNumber: ctx.serum.lotNumber, expiry: ctx.serum.expiry }
      : null,
    needleConfirmedAt: ctx.needleConfirmedAt,
    primedAt: ctx.primedAt,
    gun: ctx.gun ? { ...ctx.gun } : null,
    profile: ctx.profile ? { ...ctx.profile } : null,
    zone: ctx.zone,
    armed: ctx.armWindowId !== null,
    zones,
    totalDeliveredNl,
    totalShots,
    sessionSoftMaxNl: limits?.sessionSoftNl ?? null,
    sessionHardMaxNl: limits?.sessionHardNl ?? null,
    softAcksNeeded,
    limitEvents: listLimitEvents(db, row.id),
    closing: ctx.closing ? { ...ctx.closing } : null,
    signatures: listSignatures(db, row.id),
    abort: ctx.abort ? { ...ctx.abort } : null,
    addenda: listAddenda(db, row.id),
    // Sessions started before warnings were codes stored their words: shown as they were.
    warnings: (ctx.intake?.warnings ?? []).map((w) => (typeof w === 'string' ? recordedText(w) : w)),
    interruptions: listInterruptions(db, row.id),
    profileResendError: v.phase === 'mesotherapy' || v.phase === 'preparation' ? (v.profileResendError ?? null) : null,
  };
}
