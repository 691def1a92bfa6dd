// Admin: the quality dashboard. Six rates per 100 shots (soft-limit overrides, hard stops, near
// misses, thermotherapy shortened or skipped, interruptions, unattributed doses), broken down by
// clinician, serum version, zone or month over any range of days; each chart with its table, a CSV
// and the sessions behind each bar; and the coded reasons given, counted. Every figure comes from the
// core's SQL (quality.*); this screen only draws it, and asks again when a session starts, moves on
// or ends.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { QUALITY_DIMENSIONS, QUALITY_METRICS, type QualityDimension, type QualityMetric, type QualityRates, type QualityReasonCount } from '../../../electron/contract/quality.js';
import type { ReasonUse } from '../../../electron/contract/reasonCodes.js';
import { useAction, useApi, useLoad, type Refresh } from '../../api/hooks.js';
import { Msg, useT } from '../../i18n/I18n.js';
import type { UiMessageId } from '../../i18n/messages/index.js';
import { useFormat } from '../../i18n/useFormat.js';
import { Card, DataTable, Field, FormAlert, Select, type Column } from '../../kit/index.js';
import { SESSION_MOVES } from '../../session/events.js';
import { DrillDialog } from './DrillDialog.js';
import { RateChart, type ChartBar } from './RateChart.js';
import { DIMENSION_WORDS, METRIC_WORDS, rateText, rowLabel } from './words.js';

/** The figures change when a session starts, moves on or ends (the one event hook the renderer has). */
const QUALITY_REFRESH: Refresh = SESSION_MOVES;

const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The last twelve calendar months, this one included. */
function lastYear(): { fromDate: string; toDate: string } {
  const now = new Date();
  return { fromDate: iso(new Date(now.getFullYear(), now.getMonth() - 11, 1)), toDate: iso(now) };
}

export interface DrillTarget {
  metric: QualityMetric;
  dimension: QualityDimension;
  bar: ChartBar;
}

type Range = { fromDate: string; toDate: string };

/** Saves text as a file through the browser (the renderer has no file system). */
function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * The last range, breakdown and open drill-down, kept while the station runs (in memory only): an
 * admin who opens a session from a drill-down and comes back finds the same charts and the same list.
 */
let lastAsked: { range: Range; dimension: QualityDimension; drill: DrillTarget | null } | null = null;

export function QualityDashboard() {
  const t = useT();
  const [range, setRange] = useState<Range>(() => lastAsked?.range ?? lastYear());
  const [dimension, setDimension] = useState<QualityDimension>(() => lastAsked?.dimension ?? 'clinician');
  const [drill, setDrill] = useState<DrillTarget | null>(() => lastAsked?.drill ?? null);
  useEffect(() => {
    lastAsked = { range, dimension, drill };
  }, [range, dimension, drill]);
  const bad = range.fromDate === '' || range.toDate === '' || range.fromDate > range.toDate;
  const dimensions = useMemo(() => QUALITY_DIMENSIONS.map((d) => [d, t(DIMENSION_WORDS[d])] as const), [t]);
  return (
    <div className="stack">
      <h1>{t('quality.title')}</h1>
      <Card title={t('quality.range.title')} titleId="qd-range">
        <div className="grid3">
          <Field label={t('quality.range.from')} hint={t('quality.range.fromHint')}>
            <input type="date" value={range.fromDate} onChange={(e) => setRange({ ...range, fromDate: e.target.value })} />
          </Field>
          <Field label={t('quality.range.to')} hint={t('quality.range.toHint')} error={bad ? t('quality.range.bad') : null}>
            <input type="date" value={range.toDate} onChange={(e) => setRange({ ...range, toDate: e.target.value })} />
          </Field>
          <Field label={t('quality.range.breakdown')} hint={t('quality.range.breakdownHint')}>
            <Select value={dimension} onChoose={(d) => d && setDimension(d)} options={dimensions} />
          </Field>
        </div>
      </Card>
      {!bad && (
        <div className="chart-grid">
          {QUALITY_METRICS.map((m) => (
            <MetricCard key={m} metric={m} dimension={dimension} range={range} onDrill={(bar) => setDrill({ metric: m, dimension, bar })} />
          ))}
        </div>
      )}
      {!bad && <ReasonCounts range={range} />}
      {drill && <DrillDialog target={drill} range={range} onClose={() => setDrill(null)} />}
    </div>
  );
}

function MetricCard({ metric, dimension, range, onDrill }: { metric: QualityMetric; dimension: QualityDimension; range: Range; onDrill: (bar: ChartBar) => void }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const rates = useLoad('quality.rates', { ...range, metric, dimension }, QUALITY_REFRESH);
  const { busy, error, run } = useAction();
  const title = t(METRIC_WORDS[metric].title);
  const unit = t(METRIC_WORDS[metric].unit);
  const axis = t(DIMENSION_WORDS[dimension]);
  const id = `qm-${metric}`;
  const bars = useMemo(() => (rates.data ? barsOf(rates.data, (d, row) => rowLabel(t, f, d, row)) : []), [rates.data, t, f]);
  const describe = useCallback(
    (b: ChartBar) => t('quality.chart.bar', { label: b.label, rate: rateText(t, f, b.row.ratePer100), unit, events: b.row.events, shots: b.row.shots }),
    [t, f, unit],
  );
  const tickFormat = useCallback((n: number) => new Intl.NumberFormat(f.locale, { maximumFractionDigits: 2 }).format(n), [f]);
  const csv = async () => {
    const r = await run(() => api.call('quality.csv', { table: 'rates', ...range, metric, dimension }));
    if (r) download(r.fileName, r.csv);
  };
  const columns = useMemo<Column<ChartBar>[]>(
    () => [
      { id: 'label', header: axis, cell: (b) => b.label, rowHeader: true },
      { id: 'events', header: t('quality.table.events'), cell: (b) => f.number(b.row.events), numeric: true, sort: (b) => b.row.events },
      { id: 'shots', header: t('quality.table.shots'), cell: (b) => f.number(b.row.shots), numeric: true, sort: (b) => b.row.shots },
      { id: 'rate', header: t('quality.table.rate'), cell: (b) => rateText(t, f, b.row.ratePer100), numeric: true, sort: (b) => b.row.ratePer100 },
      {
        id: 'drill',
        header: t('quality.table.sessions'),
        headerHidden: true,
        cell: (b) =>
          b.row.events > 0 && (
            <button type="button" className="secondary" onClick={() => onDrill(b)} aria-label={t('quality.table.sessionsBehind', { metric: title, label: b.label })}>
              {t('quality.table.sessions')}
            </button>
          ),
      },
    ],
    [axis, t, f, title, onDrill],
  );
  const total = rates.data?.total;
  return (
    <section className="card stack" aria-labelledby={id} data-metric={metric}>
      <div className="row between">
        <h2 id={id}>{title}</h2>
        <button type="button" className="secondary" onClick={csv} disabled={busy || !rates.data} aria-label={t('quality.csvOf', { metric: title })}>
          {t('quality.csvButton')}
        </button>
      </div>
      {total && (
        <p className="small" data-testid={`total-${metric}`}>
          <Msg id="quality.total" values={{ rate: rateText(t, f, total.ratePer100), unit, events: total.events, shots: total.shots }} />
        </p>
      )}
      <FormAlert message={rates.error ?? error} />
      {rates.data && (
        <figure className="chart" data-chart={metric}>
          <RateChart
            bars={bars}
            dimension={dimension}
            unit={unit}
            axis={axis}
            name={t('quality.chart.name', { metric: title, unit, dimension: axis })}
            describe={describe}
            tickFormat={tickFormat}
            onBar={onDrill}
          />
          <figcaption className="sr-only">{t('quality.chart.caption', { metric: title, unit, dimension: axis })}</figcaption>
        </figure>
      )}
      {rates.data && (
        <details>
          <summary>{t('quality.table.show')}</summary>
          <div data-testid={`table-${metric}`}>
            <DataTable caption={t('quality.table.caption', { metric: title, dimension: axis })} columns={columns} rows={bars} rowKey={(b) => b.row.key ?? ''} rowProps={(b) => ({ 'data-key': b.row.key ?? '' })} empty={t('quality.table.empty')} compact />
          </div>
        </details>
      )}
    </section>
  );
}

function barsOf(r: QualityRates, label: (d: QualityDimension, row: QualityRates['rows'][number]) => string): ChartBar[] {
  return r.rows.map((row) => ({ row, label: label(r.dimension, row) }));
}

const USE_WORDS: Record<ReasonUse, UiMessageId> = { override: 'quality.reasons.use.override', skip: 'quality.reasons.use.skip', shorten: 'quality.reasons.use.shorten', abort: 'quality.reasons.use.abort' };

function ReasonCounts({ range }: { range: Range }) {
  const api = useApi();
  const t = useT();
  const f = useFormat();
  const counts = useLoad('quality.reasonCounts', range, QUALITY_REFRESH);
  const { busy, error, run } = useAction();
  const csv = async () => {
    const r = await run(() => api.call('quality.csv', { table: 'reasons', ...range }));
    if (r) download(r.fileName, r.csv);
  };
  const columns = useMemo<Column<QualityReasonCount>[]>(
    () => [
      { id: 'use', header: t('quality.reasons.use'), cell: (c) => t(USE_WORDS[c.use]) },
      {
        id: 'reason',
        header: t('quality.reasons.reason'),
        cell: (c) => (
          <>
            {c.code === null ? <span className="muted">{t('quality.reasons.freeText')}</span> : (c.label ?? c.code)} {c.retired && <span className="pill">{t('quality.reasons.retired')}</span>}
          </>
        ),
      },
      { id: 'events', header: t('quality.reasons.times'), cell: (c) => f.number(c.events), numeric: true, sort: (c) => c.events },
    ],
    [t, f],
  );
  return (
    <section className="card stack" aria-labelledby="qd-reasons">
      <div className="row between">
        <h2 id="qd-reasons">{t('quality.reasons.title')}</h2>
        <button type="button" className="secondary" onClick={csv} disabled={busy} aria-label={t('quality.reasons.csv')}>
          {t('quality.csvButton')}
        </button>
      </div>
      <FormAlert message={counts.error ?? error} />
      <div data-testid="reason-counts">
        <DataTable caption={t('quality.reasons.title')} columns={columns} rows={counts.data} rowKey={(c) => `${c.use}:${c.code ?? ''}`} empty={t('quality.reasons.none')} compact />
      </div>
    </section>
  );
}
