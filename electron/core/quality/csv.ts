// The dashboard's tables as CSV, with the exports' cell rules (exports/csv/cell.ts: RFC 4180, typed
// number columns, formula neutralisation of text) and a byte-order mark for Excel. Returned as text:
// the screen offers it as a download, nothing is written at the station.
import type { QualityCsv, QualityRates, QualityReasonCount } from '../../contract/quality.js';
import { formatCsvRow, UTF8_BOM, type CsvCellKind, type CsvValue } from '../exports/csv/cell.js';

function table(header: string[], kinds: CsvCellKind[], rows: CsvValue[][]): string {
  return UTF8_BOM + formatCsvRow(header, header.map(() => 'text')) + rows.map((r) => formatCsvRow(r, kinds)).join('');
}

export function ratesCsv(r: QualityRates): QualityCsv {
  const header = ['metric', 'breakdown', 'from_date', 'to_date', 'row', 'key', 'label', 'serum_version', 'events', 'shots', 'rate_per_100_shots'];
  const kinds: CsvCellKind[] = ['text', 'text', 'text', 'text', 'text', 'text', 'text', 'number', 'number', 'number', 'number'];
  const line = (kind: string, x: QualityRates['total']): CsvValue[] => [r.metric, r.dimension, r.fromDate, r.toDate, kind, x.key, x.label, x.version, x.events, x.shots, x.ratePer100];
  const rows = [...r.rows.map((x) => line(x.key === null ? 'none' : 'breakdown', x)), line('total', r.total)];
  return { fileName: `meso-quality-${r.metric}-by-${r.dimension}-${r.fromDate}-to-${r.toDate}.csv`, csv: table(header, kinds, rows), rows: rows.length };
}

export function reasonsCsv(range: { fromDate: string; toDate: string }, counts: QualityReasonCount[]): QualityCsv {
  const header = ['from_date', 'to_date', 'use', 'code', 'label', 'retired', 'events'];
  const kinds: CsvCellKind[] = ['text', 'text', 'text', 'text', 'text', 'text', 'number'];
  const rows = counts.map((c): CsvValue[] => [range.fromDate, range.toDate, c.use, c.code, c.label, c.code === null ? null : c.retired ? 'yes' : 'no', c.events]);
  return { fileName: `meso-quality-reasons-${range.fromDate}-to-${range.toDate}.csv`, csv: table(header, kinds, rows), rows: rows.length };
}
