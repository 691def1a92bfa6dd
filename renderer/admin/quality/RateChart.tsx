// One rate chart, drawn by Observable Plot as SVG: bars of events per 100 shots, one per row of the
// breakdown. Categories (clinicians, serum versions, zones) run down the left so long names stay
// readable; months run along the bottom in time order. Each bar has a title (its figure in words) and
// opens its sessions when clicked; the table under the chart offers the same for the keyboard.
// Colours: Okabe-Ito blue for the rows, grey for the row no value could be given (distinguishable
// by lightness as well as hue, so they survive every colour-vision deficiency). Every word and figure
// on it comes in from the screen, in the window's language: the axes' labels, the ticks, the titles.
import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';
import type { QualityDimension, QualityRateRow } from '../../../electron/contract/quality.js';
import { useLatest } from '../../components/useLatest.js';

export const BAR_COLOUR = '#0072B2';
export const NULL_COLOUR = '#8C8C8C';

export interface ChartBar {
  row: QualityRateRow;
  label: string;
}

interface Props {
  bars: ChartBar[];
  dimension: QualityDimension;
  /** The rate's unit, for the value axis: "overrides per 100 shots". */
  unit: string;
  /** The breakdown's name, for the category axis. */
  axis: string;
  /** The chart as one image to assistive technology: "Hard stops, hard stops per 100 shots, by clinician". */
  name: string;
  /** A bar's figure in words (its tooltip, and the chart's description). */
  describe: (bar: ChartBar) => string;
  /** A tick's figure with the language's decimal mark. */
  tickFormat: (n: number) => string;
  onBar: (bar: ChartBar) => void;
}

const WIDTH = 470;

export function RateChart({ bars, dimension, unit, axis, name, describe, tickFormat, onBar }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const onBarRef = useLatest(onBar);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // A row with no shots has no rate: it is in the table, not drawn as a zero.
    const drawn = bars.filter((b) => b.row.ratePer100 !== null);
    const rate = (b: ChartBar) => b.row.ratePer100 ?? 0;
    const fill = (b: ChartBar) => (b.row.key === null ? NULL_COLOUR : BAR_COLOUR);
    const common = { ariaLabel: name, ariaDescription: drawn.map(describe).join('; '), style: { fontSize: '13px', background: 'transparent' } };
    const svg =
      dimension === 'month'
        ? Plot.plot({
            ...common,
            width: WIDTH,
            height: 260,
            marginLeft: 56,
            marginBottom: 44,
            x: { label: axis, domain: drawn.map((b) => b.label), tickRotate: drawn.length > 8 ? -35 : 0, labelAnchor: 'center', labelArrow: 'none' },
            y: { label: `↑ ${unit}`, grid: true, nice: true, zero: true, tickFormat },
            marks: [Plot.barY(drawn, { x: 'label', y: rate, fill, title: describe }), Plot.ruleY([0])],
          })
        : Plot.plot({
            ...common,
            width: WIDTH,
            height: Math.max(140, 34 + drawn.length * 26),
            marginLeft: 200,
            marginBottom: 40,
            y: { label: axis, domain: drawn.map((b) => b.label), tickFormat: (s: string) => (s.length > 26 ? `${s.slice(0, 25)}…` : s), labelAnchor: 'top', labelArrow: 'none' },
            x: { label: `${unit} →`, grid: true, nice: true, zero: true, labelAnchor: 'center', tickFormat },
            marks: [Plot.barX(drawn, { y: 'label', x: rate, fill, title: describe }), Plot.ruleX([0])],
          });
    // Plot draws the bars in data order: bar i is drawn[i].
    svg.querySelectorAll('g[aria-label="bar"] rect').forEach((rect, i) => {
      const bar = drawn[i];
      if (!bar) return;
      rect.setAttribute('data-key', bar.row.key ?? '');
      rect.setAttribute('cursor', 'pointer');
      rect.addEventListener('click', () => onBarRef.current(bar));
    });
    // One image to assistive technology, named and described by its figures (Plot's own labels on
    // its groups are not allowed on elements without a role).
    svg.querySelectorAll('[aria-label]').forEach((g) => g.removeAttribute('aria-label'));
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', common.ariaLabel);
    el.replaceChildren(svg);
    return () => svg.remove();
  }, [bars, dimension, unit, axis, name, describe, tickFormat]);

  return <div ref={ref} className="rate-chart" />;
}
