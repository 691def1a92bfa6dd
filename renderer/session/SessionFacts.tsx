// A session's record as it is read back: the scalp map, the facts (who, what, how much, what
// happened), the per-zone table, the limit events and the addenda. Shown at review, after signing or
// aborting, and in the read-only record admins and clinicians open later.
import type { SessionView } from '../../electron/contract/sessions.js';
import { formatDepth, formatVolume } from '../../electron/contract/units.js';
import { ScalpMap, type ZoneFigures } from '../components/ScalpMap.js';
import { fmtDateTime, fmtDuration, zoneLabel } from '../format.js';
import { DataTable, type Column } from '../kit/index.js';
import { ReasonWords } from '../ReasonWords.js';
import { useReasonText } from '../reasons.js';
import { ZoneTable } from './ZoneTable.js';

type LimitEvent = SessionView['limitEvents'][number];

const LIMIT_EVENT_COLUMNS: Column<LimitEvent>[] = [
  { id: 'time', header: 'Time', cell: (e) => fmtDateTime(e.at), sort: (e) => e.at },
  { id: 'kind', header: 'Kind', cell: (e) => e.kind.replace('_', ' '), sort: (e) => e.kind },
  { id: 'zone', header: 'Zone', cell: (e) => (e.zone ? zoneLabel(e.zone) : e.scope) },
  { id: 'detail', header: 'Detail', cell: (e) => <ReasonWords reason={e.what} /> },
  { id: 'reason', header: 'Reason', cell: (e) => e.reason ?? '' },
];

/** Steam and massage as they were given: completed, shortened (with the time, reason and approver), or skipped. */
function thermoRecord(s: SessionView): string {
  if (s.thermo.skipped) return `skipped (${s.thermo.skipped.reason}; approved by ${s.thermo.skipped.approvedBy})`;
  const stage = (name: string, t: SessionView['thermo']['steam']) => {
    if (t.endedAt === null) return `${name} not completed`;
    if (t.shortened) return `${name} shortened: ${fmtDuration(t.shortened.givenMs)} of ${fmtDuration(t.plannedMs)} (${t.shortened.reason}; approved by ${t.shortened.approvedBy})`;
    return `${name} completed (${fmtDuration(t.givenMs)})`;
  };
  return `${stage('steam', s.thermo.steam)}; ${stage('massage', s.thermo.massage)}`;
}

export function SessionFacts({ s }: { s: SessionView }) {
  const words = useReasonText();
  const figures: Record<string, ZoneFigures> = {};
  for (const z of s.zones) figures[z.zone] = { deliveredNl: z.deliveredNl, targetNl: z.targetNl, shots: z.shots };
  const overrides = s.limitEvents.filter((e) => e.kind === 'soft_ack');
  return (
    <>
      <div className="grid2">
        <section className="card">
          <ScalpMap figures={figures} title={`Scalp map of session ${s.id}`} />
        </section>
        <section className="card stack" aria-labelledby="facts-title">
          <h2 id="facts-title" tabIndex={-1} data-phase-focus="">Record</h2>
          <dl className="facts">
            <dt>Clinician</dt>
            <dd>{s.clinician.displayName}</dd>
            <dt>Serum</dt>
            <dd>{s.serum ? `${s.serum.name}, lot ${s.serum.lotNumber}, exp ${s.serum.expiry}` : '—'}</dd>
            <dt>Gun</dt>
            <dd>
              {s.gun ? `${s.gun.model} ${s.gun.serial}, firmware ${s.gun.firmware}` : '—'}
              {s.gun?.simulated ? ' (SIMULATED)' : ''}
            </dd>
            <dt>Profile</dt>
            <dd>{s.profile ? `${formatVolume(s.profile.doseNl)} at ${formatDepth(s.profile.depthUm)}, ${s.profile.mode}` : '—'}</dd>
            <dt>Thermotherapy</dt>
            <dd data-testid="thermo-record">{thermoRecord(s)}</dd>
            <dt>Total</dt>
            <dd data-testid="review-total">
              {s.totalShots} shots, {formatVolume(s.totalDeliveredNl)}
            </dd>
            <dt>Interruptions</dt>
            <dd data-testid="record-interruptions">{s.interruptions.length === 0 ? 'none' : s.interruptions.map((i) => words.interruption(i)).join(' ')}</dd>
            <dt>Limit overrides</dt>
            <dd>{overrides.length === 0 ? 'none' : overrides.map((o) => `${o.zone ? zoneLabel(o.zone) : 'session'}: ${o.reason ?? ''}`).join('; ')}</dd>
            <dt>Closing</dt>
            <dd>{s.closing ? `oil serum applied, aftercare given${s.closing.notes ? ` — ${s.closing.notes}` : ''}` : '—'}</dd>
          </dl>
        </section>
      </div>
      <ZoneTable s={s} />
      {s.limitEvents.length > 0 && (
        <section className="card" aria-labelledby="le-title">
          <h2 id="le-title">Limit events</h2>
          <DataTable caption={`Limit events of session ${s.id}`} columns={LIMIT_EVENT_COLUMNS} rows={s.limitEvents} rowKey={(e) => e.id} empty="No limit event." />
        </section>
      )}
    </>
  );
}

/** The addenda: later notes on a record that is locked, each with its time, author and reason. */
export function AddendaList({ addenda }: { addenda: SessionView['addenda'] }) {
  return (
    <>
      {addenda.map((a) => (
        <p key={a.id}>
          <strong>
            {fmtDateTime(a.at)} · {a.username}:
          </strong>{' '}
          {a.text} <span className="muted">({a.reason})</span>
        </p>
      ))}
    </>
  );
}
