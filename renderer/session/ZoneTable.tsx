// Per zone: shots and volumes (delivered, commanded, target, soft and hard maxima), the session's
// totals in the footer. Figures only in the cells and the unit once in each header, so the table fits
// a narrow screen; in zone order, with no sort buttons (they would widen the headers past a 640 px
// window). Every figure is the dose ledger's, through the core.
import type { SessionView } from '../../electron/contract/sessions.js';
import { formatVolumeFigure } from '../../electron/contract/units.js';
import { ZONES } from '../format.js';
import { DataTable, type Column } from '../kit/index.js';

/** A header in µL: the unit never upper-cased (an upper-case µ is a Greek capital mu, and "µL" would read "ML"). */
function inUl(words: string) {
  return (
    <>
      {words} <span className="unit">µL</span>
    </>
  );
}

type Row = { id: (typeof ZONES)[number]['id']; label: string; z: SessionView['zones'][number] | undefined };

/** A limit or target: "—" where there is none. */
const orDash = (nl: number | null | undefined) => (nl ? formatVolumeFigure(nl) : '—');

function zoneColumns(s: SessionView): Column<Row>[] {
  return [
    { id: 'zone', header: 'Zone', rowHeader: true, cell: (r) => r.label, footer: 'Session' },
    { id: 'shots', header: 'Shots', numeric: true, cell: (r) => r.z?.shots ?? 0, footer: s.totalShots },
    {
      id: 'delivered',
      header: inUl('Delivered'),
      numeric: true,
      cell: (r) => formatVolumeFigure(r.z?.deliveredNl ?? 0),
      cellProps: (r) => ({ 'data-testid': `delivered-${r.id}`, 'data-nl': r.z?.deliveredNl ?? 0 }),
      footer: formatVolumeFigure(s.totalDeliveredNl),
      footerProps: { 'data-testid': 'delivered-total', 'data-nl': s.totalDeliveredNl },
    },
    { id: 'commanded', header: inUl('Commanded'), numeric: true, cell: (r) => formatVolumeFigure(r.z?.commandedNl ?? 0), footer: formatVolumeFigure(s.zones.reduce((a, z) => a + z.commandedNl, 0)) },
    { id: 'target', header: inUl('Target'), numeric: true, cell: (r) => orDash(r.z?.targetNl), footer: '' },
    { id: 'soft', header: inUl('Soft max'), numeric: true, cell: (r) => orDash(r.z?.softMaxNl), footer: orDash(s.sessionSoftMaxNl) },
    { id: 'hard', header: inUl('Hard max'), numeric: true, cell: (r) => orDash(r.z?.hardMaxNl), footer: orDash(s.sessionHardMaxNl) },
  ];
}

export function ZoneTable({ s }: { s: SessionView }) {
  const rows: Row[] = ZONES.map((z) => ({ id: z.id, label: z.label, z: s.zones.find((x) => x.zone === z.id) }));
  return (
    <section className="card" aria-labelledby="zt-title">
      <h2 id="zt-title">Per zone</h2>
      <DataTable caption="Shots and volumes per zone, with the session's totals" columns={zoneColumns(s)} rows={rows} rowKey={(r) => r.id} rowProps={(r) => ({ 'data-zone-row': r.id })} empty="No zone." />
    </section>
  );
}
