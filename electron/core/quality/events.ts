// What the quality dashboard counts and the review queue lists, defined once: for each metric, the
// table its events live in and the condition that picks them. Nothing is copied into a table of its
// own: the events are the records the workflow and the ledger already keep (limit events, session
// steps, interruptions, dose records), so a count can never disagree with the record it counts.
import type { QualityMetric } from '../../contract/quality.js';
import type { ReviewSource } from '../../contract/review.js';

export interface EventSource {
  /** The table an item comes from (a review item's id is `${source}:${id}`). */
  source: ReviewSource;
  /** FROM clause; the event's own table is aliased `e`. */
  from: string;
  /** Picks this metric's events. */
  where: string;
  /** The session it belongs to (NULL for a dose with no session). */
  sessionId: string;
  /** Station time of the event, ms. */
  at: string;
  /** The zone it concerns, or NULL when it is not about one zone. */
  zone: string;
}

/** Limit events that are near misses: a profile refused at a hard limit, arming refused before a shot would pass one. */
export const NEAR_MISS_KINDS = ['near_miss', 'hard_block'] as const;

/** A thermotherapy step that cut it short: a skip, or a stage completed before its time (migration 300's steps). */
const THERMO_CUT = "e.event IN ('THERMO_SKIP', 'THERMO_COMPLETE') AND (e.event = 'THERMO_SKIP' OR json_extract(e.detail, '$.outcome') = 'shortened')";

const limitEvents = (kinds: readonly string[]): EventSource => ({
  source: 'limit_event',
  from: 'limit_events e',
  where: `e.kind IN (${kinds.map((k) => `'${k}'`).join(', ')})`,
  sessionId: 'e.session_id',
  at: 'e.at',
  zone: 'e.zone',
});

export const EVENT_SOURCES: Record<QualityMetric, EventSource> = {
  override: limitEvents(['soft_ack']),
  hard_stop: limitEvents(['hard_stop']),
  near_miss: limitEvents(NEAR_MISS_KINDS),
  thermo_cut: { source: 'session_step', from: 'session_steps e', where: THERMO_CUT, sessionId: 'e.session_id', at: 'e.at', zone: 'NULL' },
  interruption: {
    source: 'interruption',
    from: 'session_interruptions e JOIN arm_windows w ON w.id = e.arm_window_id',
    where: '1',
    sessionId: 'e.session_id',
    at: 'e.started_at',
    zone: 'w.zone',
  },
  unattributed: { source: 'dose_record', from: 'dose_records e', where: 'e.session_id IS NULL', sessionId: 'NULL', at: 'e.received_at_ms', zone: 'NULL' },
};

/** The metric whose events carry no session: counted by the time they reached the station. */
export const isSessionless = (metric: QualityMetric): boolean => metric === 'unattributed';

/** Steps that carry a coded reason, and the use each answers (reason counts). */
export const REASON_STEP_USES = { THERMO_SKIP: 'skip', THERMO_COMPLETE: 'shorten', ABORT: 'abort' } as const;
