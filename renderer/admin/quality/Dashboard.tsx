// Admin: the quality dashboard. Six rates per 100 shots (soft-limit overrides, hard stops, near
// misses, thermotherapy shortened or skipped, interruptions, unattributed doses), broken down by
// clinician, serum version, zone or month over any range of days; each chart with its table, a CSV
// and the sessions behind each bar; and the coded reasons given, counted. Every figure comes from the
// core's SQL (quality.*); this screen only draws it.
import { useEffect, useMemo, useState } from 'react';
import { QUALITY_DIMENSIONS, QUALITY_METRICS, type QualityDimension, type QualityMetric, type QualityRates } from '../../../electron/contract/quality.js';
import { useAction, useApi, useLoad } from '../../api/hooks.js';
import { DrillDialog } from './DrillDialog.js';
import { RateChart, type ChartBar } from './RateChart.js';
import { DIMENSION_WORDS, METRIC_WORDS, rateText, rowLabel } from './words.js';

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
 * The last range and breakdown asked, kept while the station runs (in memory only): an admin who
 * opens a session from a drill-down comes back to the same charts.
 */
let lastAsked: { range: { fromDate: string; toDate: string }; dimension: QualityDimension } | null = null;

export function QualityDashboard() {
  const [range, setRange] = useState(() => lastAsked?.range ?? lastYear());
  const [dimension, setDimension] = useState<QualityDimension>(() => lastAsked?.dimension ?? 'clinician');
  useEffect(() => {
    lastAsked = { range, dimension };
  }, [range, dimension]);
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const bad = range.fromDate === '' || range.toDate === '' || range.fromDate > range.toDate;
  return (
    <div className="stack">
      <h1>Quality</h1>
      <section className="card stack" aria-labelledby="qd-range">
        <h2 id="qd-range">Range and breakdown</h2>
        <div className="grid3">
          <label className="field">
            From <span className="hint">day sessions started, included</span>
            <input type="date" value={range.fromDate} onChange={(e) => setRange({ ...range, fromDate: e.target.value })} />
          </label>
          <label className="field">
            To <span className="hint">included</span>
            <input type="date" value={range.toDate} onChange={(e) => setRange({ ...range, toDate: e.target.value })} />
          </label>
          <label className="field">
            Breakdown <span className="hint">each chart, by</span>
            <select value={dimension} onChange={(e) => setDimension(e.target.value as QualityDimension)}>
              {QUALITY_DIMENSIONS.map((d) => (
                <option key={d} value={d}>
                  {DIMENSION_WORDS[d]}
                </option>
              ))}
            </select>
          </label>
        </div>
        {bad && <p className="error" role="alert">Choose a first and a last day, the last not before the first.</p>}
      </section>
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

function MetricCard({ metric, dimension, range, onDrill }: { metric: QualityMetric; dimension: QualityDimension; range: { fromDate: string; toDate: string }; onDrill: (bar: ChartBar) => void }) {
  const api = useApi();
  const rates = useLoad('quality.rates', { ...range, metric, dimension });
  const { busy, error, run } = useAction();
  const words = METRIC_WORDS[metric];
  const id = `qm-${metric}`;
  const bars = useMemo(() => (rates.data ? barsOf(rates.data) : []), [rates.data]);
  const csv = async () => {
    const r = await run(() => api.call('quality.csv', { table: 'rates', ...range, metric, dimension }));
    if (r) download(r.fileName, r.csv);
  };
  const total = rates.data?.total;
  return (
    <section className="card stack" aria-labelledby={id} data-metric={metric}>
      <div className="row between">
        <h2 id={id}>{words.title}</h2>
        <button type="button" className="secondary" onClick={csv} disabled={busy || !rates.data} aria-label={`CSV of ${words.title.toLowerCase()}`}>
          CSV
        </button>
      </div>
      {total && (
        <p className="small" data-testid={`total-${metric}`}>
          Whole range: <strong>{rateText(total.ratePer100)}</strong> {words.unit} ({total.events} in {total.shots} shots)
        </p>
      )}
      {rates.error && <p className="error" role="alert">{rates.error}</p>}
      {error && <p className="error" role="alert">{error}</p>}
      {rates.data && (
        <figure className="chart" data-chart={metric}>
          <RateChart bars={bars} dimension={dimension} unit={words.unit} axis={DIMENSION_WORDS[dimension]} title={words.title} onBar={onDrill} />
          <figcaption className="sr-only">
            {words.title}, {words.unit}, by {DIMENSION_WORDS[dimension].toLowerCase()}; the table below holds the same figures.
          </figcaption>
        </figure>
      )}
      {rates.data && (
        <details>
          <summary>Table</summary>
          <table data-testid={`table-${metric}`}>
            <thead>
              <tr>
                <th scope="col">{DIMENSION_WORDS[dimension]}</th>
                <th scope="col" className="num">Events</th>
                <th scope="col" className="num">Shots</th>
                <th scope="col" className="num">Per 100 shots</th>
                <th scope="col"><span className="sr-only">Sessions</span></th>
              </tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr key={b.row.key ?? 'none'} data-key={b.row.key ?? ''}>
                  <th scope="row">{b.label}</th>
                  <td className="num">{b.row.events}</td>
                  <td className="num">{b.row.shots}</td>
                  <td className="num">{rateText(b.row.ratePer100)}</td>
                  <td>
                    {b.row.events > 0 && (
                      <button type="button" className="secondary" onClick={() => onDrill(b)} aria-label={`Sessions behind ${words.title.toLowerCase()}, ${b.label}`}>
                        Sessions
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}

function barsOf(r: QualityRates): ChartBar[] {
  return r.rows.map((row) => ({ row, label: rowLabel(r.dimension, row) }));
}

const USE_WORDS: Record<string, string> = { override: 'Override', skip: 'Skip', shorten: 'Shortening', abort: 'Abort' };

function ReasonCounts({ range }: { range: { fromDate: string; toDate: string } }) {
  const api = useApi();
  const counts = useLoad('quality.reasonCounts', range);
  const { busy, error, run } = useAction();
  const csv = async () => {
    const r = await run(() => api.call('quality.csv', { table: 'reasons', ...range }));
    if (r) download(r.fileName, r.csv);
  };
  return (
    <section className="card stack" aria-labelledby="qd-reasons">
      <div className="row between">
        <h2 id="qd-reasons">Reasons given, by code</h2>
        <button type="button" className="secondary" onClick={csv} disabled={busy} aria-label="CSV of the reasons given">
          CSV
        </button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      <table data-testid="reason-counts">
        <thead>
          <tr>
            <th scope="col">For</th>
            <th scope="col">Reason</th>
            <th scope="col" className="num">Times given</th>
          </tr>
        </thead>
        <tbody>
          {counts.data?.map((c) => (
            <tr key={`${c.use}:${c.code ?? ''}`}>
              <td>{USE_WORDS[c.use] ?? c.use}</td>
              <td>
                {c.code === null ? <span className="muted">free text only (before coded reasons)</span> : (c.label ?? c.code)} {c.retired && <span className="pill">retired</span>}
              </td>
              <td className="num">{c.events}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
