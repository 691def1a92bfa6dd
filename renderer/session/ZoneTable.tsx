// Per zone: shots and volumes (delivered, commanded, target, soft and hard maxima), the session's
// totals in the footer. Figures only in the cells and the unit once in each header, so the table fits
// a narrow screen; in zone order, with no sort buttons (they would widen the headers past a 640 px
// window). Every figure is the dose ledger's, through the core.
import { ZONES, type SessionView, type Zone } from '../../electron/contract/sessions.js';
import { VOLUME_UNIT, formatVolumeFigure } from '../../electron/contract/units.js';
import { useT, type Translate } from '../i18n/I18n.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { Card, DataTable, type Column } from '../kit/index.js';

/** A header in µL: the unit never upper-cased (an upper-case µ is a Greek capital mu, and "µL" would read "ML"). */
function inUl(words: string) {
  return (
    <>
      {words} <span className="unit">{VOLUME_UNIT}</span>
    </>
  );
}

/** Where there is no figure or fact (no serum loaded yet, no limit): a dash, the same in every language. */
export const NO_FIGURE = '—';

type Row = { id: Zone; label: string; z: SessionView['zones'][number] | undefined };

function zoneColumns(s: SessionView, t: Translate, f: Format): Column<Row>[] {
  const figure = (nl: number) => formatVolumeFigure(nl, { locale: f.locale });
    /** A limit or target: "—" where there is none. */
  const orDash = (nl: number | null | undefined) => (nl ? figure(nl) : NO_FIGURE);
  return [
    { id: 'zone', header: t('zoneTable.zone'), rowHeader: true, cell: (r) => r.label, footer: t('zoneTable.session') },
    { id: 'shots', header: t('zoneTable.shots'), numeric: true, cell: (r) => f.number(r.z?.shots ?? 0), footer: f.number(s.totalShots) },
    {
      id: 'delivered',
      header: inUl(t('zoneTable.delivered')),
      numeric: true,
      cell: (r) => figure(r.z?.deliveredNl ?? 0),
      cellProps: (r) => ({ 'data-testid': `delivered-${r.id}`, 'data-nl': r.z?.deliveredNl ?? 0 }),
      footer: figure(s.totalDeliveredNl),
      footerProps: { 'data-testid': 'delivered-total', 'data-nl': s.totalDeliveredNl },
    },
    { id: 'commanded', header: inUl(t('zoneTable.commanded')), numeric: true, cell: (r) => figure(r.z?.commandedNl ?? 0), footer: figure(s.zones.reduce((a, z) => a + z.commandedNl, 0)) },
    { id: 'target', header: inUl(t('zoneTable.target')), numeric: true, cell: (r) => orDash(r.z?.targetNl), footer: '' },
    { id: 'soft', header: inUl(t('zoneTable.softMax')), numeric: true, cell: (r) => orDash(r.z?.softMaxNl), footer: orDash(s.sessionSoftMaxNl) },
    { id: 'hard', header: inUl(t('zoneTable.hardMax')), numeric: true, cell: (r) => orDash(r.z?.hardMaxNl), footer: orDash(s.sessionHardMaxNl) },
  ];
}

export function ZoneTable({ s }: { s: SessionView }) {
  const t = useT();
  const f = useFormat();
  const rows: Row[] = ZONES.map((id) => ({ id, label: f.zone(id), z: s.zones.find((x) => x.zone === id) }));
  return (
    <Card title={t('zoneTable.title')} titleId="zt-title" flat>
      <DataTable caption={t('zoneTable.caption')} columns={zoneColumns(s, t, f)} rows={rows} rowKey={(r) => r.id} rowProps={(r) => ({ 'data-zone-row': r.id })} empty={t('zoneTable.empty')} />
    </Card>
  );
}
