// Admin: a session's shots in firing order (sessions.shots, straight from the dose ledger): a summary
// (shots, first and last time, faults), a strip of every shot coloured by zone, and a compact table.
import { useMemo } from 'react';
import type { ShotView } from '../../electron/contract/sessions.js';
import { useLoad } from '../api/hooks.js';
import { ZONES } from '../../electron/contract/sessions.js';
import { ZONE_COLOURS } from '../zoneColours.js';
import { faultWords } from '../components/GunBar.js';
import { sessionDosesRefresh } from '../session/events.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { DataTable, type Column } from '../kit/index.js';

const STRIP_W = 1000;
const STRIP_H = 56;

export function ShotTimeline({ sessionId }: { sessionId: number }) {
  const t = useT();
  // An open session keeps growing: refetch when doses commit.
  const shots = useLoad('sessions.shots', { sessionId }, sessionDosesRefresh(sessionId));
  const list = shots.data ?? [];
  return (
    <section className="card stack shot-timeline" aria-labelledby="tl-title" data-testid="shot-timeline">
      <h2 id="tl-title">{t('admin.timeline.title')}</h2>
      {shots.error && (
        <p className="error" role="alert">
          {shots.error}
        </p>
      )}
      {!shots.data && !shots.error && <p>{t('admin.loading')}</p>}
      {shots.data && list.length === 0 && <p className="muted">{t('admin.timeline.none')}</p>}
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
  const f = useFormat();
  const first = shots[0]!;
  const last = shots[shots.length - 1]!;
  const faults = shots.filter((s) => s.fault !== null);
  const guns = [...new Set(shots.map((s) => s.gunSerial))];
  return (
    <div className="grid4 timeline-summary">
      <div className="stat">
        <div className="k">{t('admin.sessions.shots')}</div>
        <div className="v" data-testid="timeline-shots">
          {f.number(shots.length)}
        </div>
      </div>
      <div className="stat">
        <div className="k">{t('admin.timeline.firstShot')}</div>
        <div className="v">{f.time(first.gunStartedAtMs)}</div>
      </div>
      <div className="stat">
        <div className="k">{t('admin.timeline.lastShot')}</div>
        <div className="v">{f.time(last.gunEndedAtMs)}</div>
        <div className="small muted">{t('admin.timeline.over', { duration: f.duration(last.gunEndedAtMs - first.gunStartedAtMs) })}</div>
      </div>
      <div className="stat">
        <div className="k">{t('admin.timeline.faults')}</div>
        <div className="v" data-testid="timeline-faults">
          {faults.length === 0 ? t('admin.timeline.noFaults') : f.number(faults.length)}
        </div>
        {faults.length > 0 && <div className="small muted">{[...new Set(faults.map((f) => faultWords(t, f.fault!)))].join(', ')}</div>}
      </div>
      <p className="small muted timeline-note">
        {t('admin.timeline.gunClock', { count: guns.length, guns: guns.join(', ') })}
      </p>
    </div>
  );
}

/** Every shot as a bar at its time; bar height is the delivered volume, a fault is marked in red. */
function Strip({ shots }: { shots: ShotView[] }) {
  const t = useT();
  const f = useFormat();
  const t0 = shots[0]!.gunStartedAtMs;
  const span = Math.max(1, shots[shots.length - 1]!.gunStartedAtMs - t0);
  const maxNl = Math.max(1, ...shots.map((s) => s.deliveredNl));
  const used = ZONES.filter((z) => shots.some((s) => s.zone === z));
  const counts = used.map((z) => `${f.zone(z)} ${f.number(shots.filter((s) => s.zone === z).length)}`).join(', ');
  return (
    <div>
      <svg
        className="shot-strip"
        viewBox={`0 0 ${STRIP_W} ${STRIP_H + 8}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t('admin.timeline.stripLabel', { count: shots.length, from: f.time(t0), to: f.time(shots[shots.length - 1]!.gunStartedAtMs), zones: counts })}
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
      <ul className="legend zone-legend" aria-label={t('admin.timeline.zoneColours')}>
        {used.map((z) => (
          <li key={z}>
            <i style={{ background: ZONE_COLOURS[z] }} aria-hidden="true" />
            {f.zone(z)}
          </li>
        ))}
        {shots.some((s) => s.fault !== null) && (
          <li>
            <i style={{ background: '#b3261e' }} aria-hidden="true" />
            {t('admin.timeline.fault')}
          </li>
        )}
      </ul>
    </div>
  );
}

/** The shot table's columns; fault names in the reader's language. */
const shotColumns = (t: Translate, f: Format): Column<ShotView>[] => [
  { id: 'n', header: '#', cell: (_s, i) => i + 1, numeric: true },
  { id: 'time', header: t('admin.timeline.gunTime'), cell: (s) => f.time(s.gunStartedAtMs), sort: (s) => s.gunStartedAtMs, cellProps: () => ({ className: 'num' }) },
  {
    id: 'zone',
    header: t('admin.timeline.zone'),
    sort: (s) => f.zone(s.zone),
    cell: (s) => (
      <span className="zone-chip" style={{ borderLeftColor: ZONE_COLOURS[s.zone] }}>
        {f.zone(s.zone)}
      </span>
    ),
  },
  { id: 'delivered', header: t('admin.sessions.delivered'), cell: (s) => f.volume(s.deliveredNl), sort: (s) => s.deliveredNl, numeric: true },
  { id: 'commanded', header: t('admin.timeline.commanded'), cell: (s) => f.volume(s.commandedNl), numeric: true },
  { id: 'depth', header: t('admin.timeline.depth'), cell: (s) => f.depth(s.depthUm), numeric: true },
  { id: 'mode', header: t('admin.serumEditor.mode'), cell: (s) => t('admin.mode', { mode: s.mode }) },
  { id: 'record', header: t('admin.timeline.gunRecord'), cell: (s) => `${s.gunSerial} · ${s.recordId}`, cellProps: () => ({ className: 'num' }) },
  { id: 'received', header: t('admin.timeline.received'), cell: (s) => f.time(s.receivedAtMs), cellProps: () => ({ className: 'num' }) },
  { id: 'fault', header: t('admin.timeline.fault'), cell: (s) => (s.fault === null ? '' : <span className="pill danger">{faultWords(t, s.fault)}</span>), sort: (s) => (s.fault === null ? null : faultWords(t, s.fault)) },
];

/** Scrolls inside the card: a session may hold hundreds of shots. */
function ShotTable({ shots }: { shots: ShotView[] }) {
  const t = useT();
  const f = useFormat();
  const columns = useMemo(() => shotColumns(t, f), [t, f]);
  return (
    <DataTable
      caption={t('admin.timeline.caption')}
      columns={columns}
      rows={shots}
      rowKey={(s) => `${s.gunSerial}-${s.recordId}`}
      rowProps={(s) => ({ 'data-shot': s.recordId })}
      empty={t('admin.timeline.none')}
      compact
      scroll
    />
  );
}
