// Admin: a session's shots in firing order (sessions.shots, straight from the dose ledger): a summary
// (shots, first and last time, faults), a strip of every shot coloured by zone, and a compact table.
import { useMemo } from 'react';
import type { ShotView } from '../../electron/contract/sessions.js';
import { useLoad } from '../api/hooks.js';
import { ZONES, ZONE_COLOURS, fmtDuration, fmtTime, zoneLabel } from '../format.js';
import { faultWords } from '../components/GunBar.js';
import { sessionDosesRefresh } from '../session/events.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { formatDepth, formatVolume } from '../../electron/contract/units.js';
import { DataTable, type Column } from '../kit/index.js';

const STRIP_W = 1000;
const STRIP_H = 56;

export function ShotTimeline({ sessionId }: { sessionId: number }) {
  // An open session keeps growing: refetch when doses commit.
  const shots = useLoad('sessions.shots', { sessionId }, sessionDosesRefresh(sessionId));
  const list = shots.data ?? [];
  return (
    <section className="card stack" aria-labelledby="tl-title" data-testid="shot-timeline">
      <h2 id="tl-title">Shot timeline</h2>
      {shots.error && (
        <p className="error" role="alert">
          {shots.error}
        </p>
      )}
      {!shots.data && !shots.error && <p>Loading…</p>}
      {shots.data && list.length === 0 && <p className="muted">No dose was recorded in this session.</p>}
      {list.length > 0 && (
        <>
          <TimelineSummary shots={list} />
          <Strip shots={list} />
          <ShotTable shots={list} />
        </>
      )}
    </section>
  );
}

function TimelineSummary({ shots }: { shots: ShotView[] }) {
  const t = useT();
  const first = shots[0]!;
  const last = shots[shots.length - 1]!;
  const faults = shots.filter((s) => s.fault !== null);
  const guns = [...new Set(shots.map((s) => s.gunSerial))];
  return (
    <div className="grid4 timeline-summary">
      <div className="stat">
        <div className="k">Shots</div>
        <div className="v" data-testid="timeline-shots">
          {shots.length}
        </div>
      </div>
      <div className="stat">
        <div className="k">First shot</div>
        <div className="v">{fmtTime(first.gunStartedAtMs)}</div>
      </div>
      <div className="stat">
        <div className="k">Last shot</div>
        <div className="v">{fmtTime(last.gunEndedAtMs)}</div>
        <div className="small muted">over {fmtDuration(last.gunEndedAtMs - first.gunStartedAtMs)}</div>
      </div>
      <div className="stat">
        <div className="k">Faults</div>
        <div className="v" data-testid="timeline-faults">
          {faults.length === 0 ? 'None' : faults.length}
        </div>
        {faults.length > 0 && <div className="small muted">{[...new Set(faults.map((f) => faultWords(t, f.fault!)))].join(', ')}</div>}
      </div>
      <p className="small muted timeline-note">
        Times are the gun's clock{guns.length > 1 ? `; guns ${guns.join(', ')}` : ` (gun ${guns[0]})`}.
      </p>
    </div>
  );
}

/** Every shot as a bar at its time; bar height is the delivered volume, a fault is marked in red. */
function Strip({ shots }: { shots: ShotView[] }) {
  const t0 = shots[0]!.gunStartedAtMs;
  const span = Math.max(1, shots[shots.length - 1]!.gunStartedAtMs - t0);
  const maxNl = Math.max(1, ...shots.map((s) => s.deliveredNl));
  const used = ZONES.filter((z) => shots.some((s) => s.zone === z.id));
  const counts = used.map((z) => `${z.label} ${shots.filter((s) => s.zone === z.id).length}`).join(', ');
  return (
    <div>
      <svg
        className="shot-strip"
        viewBox={`0 0 ${STRIP_W} ${STRIP_H + 8}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${shots.length} shots from ${fmtTime(t0)} to ${fmtTime(shots[shots.length - 1]!.gunStartedAtMs)}: ${counts}`}
      >
        <line x1={0} x2={STRIP_W} y1={STRIP_H + 0.5} y2={STRIP_H + 0.5} stroke="#9aa5b1" strokeWidth={1} />
        {shots.map((s) => {
          const x = shots.length === 1 ? STRIP_W / 2 : 2 + ((STRIP_W - 6) * (s.gunStartedAtMs - t0)) / span;
          const h = Math.max(8, ((STRIP_H - 10) * s.deliveredNl) / maxNl);
          return (
            <g key={`${s.gunSerial}-${s.recordId}`}>
              <rect x={x} y={STRIP_H - h} width={2.5} height={h} fill={ZONE_COLOURS[s.zone]} />
              {s.fault !== null && <rect x={x - 1} y={0} width={4.5} height={6} fill="#b3261e" />}
            </g>
          );
        })}
      </svg>
      <ul className="legend zone-legend" aria-label="Zone colours">
        {used.map((z) => (
          <li key={z.id}>
            <i style={{ background: ZONE_COLOURS[z.id] }} aria-hidden="true" />
            {z.label}
          </li>
        ))}
        {shots.some((s) => s.fault !== null) && (
          <li>
            <i style={{ background: '#b3261e' }} aria-hidden="true" />
            Fault
          </li>
        )}
      </ul>
    </div>
  );
}

/** The shot table's columns; fault names in the reader's language. */
const shotColumns = (t: Translate): Column<ShotView>[] => [
  { id: 'n', header: '#', cell: (_s, i) => i + 1, numeric: true },
  { id: 'time', header: 'Gun time', cell: (s) => fmtTime(s.gunStartedAtMs), sort: (s) => s.gunStartedAtMs, cellProps: () => ({ className: 'num' }) },
  {
    id: 'zone',
    header: 'Zone',
    sort: (s) => zoneLabel(s.zone),
    cell: (s) => (
      <span className="zone-chip" style={{ borderLeftColor: ZONE_COLOURS[s.zone] }}>
        {zoneLabel(s.zone)}
      </span>
    ),
  },
  { id: 'delivered', header: 'Delivered', cell: (s) => formatVolume(s.deliveredNl), sort: (s) => s.deliveredNl, numeric: true },
  { id: 'commanded', header: 'Commanded', cell: (s) => formatVolume(s.commandedNl), numeric: true },
  { id: 'depth', header: 'Depth', cell: (s) => formatDepth(s.depthUm), numeric: true },
  { id: 'mode', header: 'Mode', cell: (s) => s.mode },
  { id: 'record', header: 'Gun · record', cell: (s) => `${s.gunSerial} · ${s.recordId}`, cellProps: () => ({ className: 'num' }) },
  { id: 'received', header: 'Received', cell: (s) => fmtTime(s.receivedAtMs), cellProps: () => ({ className: 'num' }) },
  { id: 'fault', header: 'Fault', cell: (s) => (s.fault === null ? '' : <span className="pill danger">{faultWords(t, s.fault)}</span>), sort: (s) => (s.fault === null ? null : faultWords(t, s.fault)) },
];

/** Scrolls inside the card: a session may hold hundreds of shots. */
function ShotTable({ shots }: { shots: ShotView[] }) {
  const t = useT();
  const columns = useMemo(() => shotColumns(t), [t]);
  return (
    <DataTable
      caption="Shots, one row each, in firing order"
      columns={columns}
      rows={shots}
      rowKey={(s) => `${s.gunSerial}-${s.recordId}`}
      rowProps={(s) => ({ 'data-shot': s.recordId })}
      empty="No dose was recorded in this session."
      compact
      scroll
    />
  );
}
