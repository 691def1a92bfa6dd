// Top view of the scalp (forehead at the top), the 8 treatment zones shaded by delivered vs target
// volume. Each zone says its state in words and a symbol as well as a fill (zoneState.ts): the fills
// are one hue in large lightness steps, with "above target" hatched, so they stay apart under any
// colour blindness and in grey. Labels are 16 px on screen whatever size the map is drawn at (the
// map is never drawn small enough for them to leave their zone; figures are µL, said once in the
// key, so that 1,234.5 fits a side zone). Each zone is a touch target, focusable, chosen by touch, click, Enter, Space or its key 1-8.
// Words, zone names and figures are the window's language's (the catalogue's scalp.*, useFormat).
import { Fragment, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ZONES, type Zone } from '../../electron/contract/sessions.js';
import { formatVolumeFigure } from '../../electron/contract/units.js';
import { useT, type Translate } from '../i18n/I18n.js';
import type { UiMessageId } from '../i18n/messages/index.js';
import { useFormat, type Format } from '../i18n/useFormat.js';
import { ABOVE_FROM_PCT, REACHED_FROM_PCT, ZONE_STATE_SYMBOL, zoneProgress, type ZoneProgress, type ZoneState } from './zoneState.js';

type ZoneId = Zone;

export interface ZoneFigures {
  deliveredNl: number;
  targetNl: number | null;
  shots: number;
}

interface Props {
  figures: Partial<Record<ZoneId, ZoneFigures>>;
  selected?: ZoneId | null;
  onSelect?: (zone: ZoneId) => void;
  /** Title for screen readers, e.g. "Scalp map, session 12" (default: the catalogue's "Scalp map"). */
  title?: string;
}

// Geometry: the head is an ellipse; zones are rectangles clipped to it (schematic, readable at a glance).
const W = 420;
const H = 520;
const CX = W / 2;
const CY = H / 2;
const RX = 180;
const RY = 235;
const L = CX - 62;
const R = CX + 62;
const Y1 = 120; // hairline band
const Y2 = 245; // mid-scalp / vertex
const Y3 = 370; // vertex / occipital
const Y_SIDE = 235; // temporal / parietal

const RECTS: Record<ZoneId, { x: number; y: number; w: number; h: number; lx: number; ly: number }> = {
  frontal: { x: L, y: 0, w: R - L, h: Y1, lx: CX, ly: 80 },
  mid_scalp: { x: L, y: Y1, w: R - L, h: Y2 - Y1, lx: CX, ly: 182 },
  vertex: { x: L, y: Y2, w: R - L, h: Y3 - Y2, lx: CX, ly: 307 },
  temporal_left: { x: 0, y: 0, w: L, h: Y_SIDE, lx: 97, ly: 195 },
  temporal_right: { x: R, y: 0, w: W - R, h: Y_SIDE, lx: W - 97, ly: 195 },
  parietal_left: { x: 0, y: Y_SIDE, w: L, h: Y3 - Y_SIDE, lx: 93, ly: 300 },
  parietal_right: { x: R, y: Y_SIDE, w: W - R, h: Y3 - Y_SIDE, lx: W - 93, ly: 300 },
  occipital: { x: 0, y: Y3, w: W, h: H - Y3, lx: CX, ly: 418 },
};

/** The legend's order: from nothing to above target. Short, so the key sits above the map in two lines. */
const LEGEND: ZoneState[] = ['none', 'under-half', 'half', 'reached', 'above', 'no-target'];
const LEGEND_WORDS: Record<ZoneState, UiMessageId> = {
  none: 'scalp.legend.none',
  'under-half': 'scalp.legend.underHalf',
  half: 'scalp.legend.half',
  reached: 'scalp.legend.reached',
  above: 'scalp.legend.above',
  'no-target': 'scalp.legend.noTarget',
};

/** A state as a screen reader says it. */
const STATE_WORDS: Record<ZoneState, UiMessageId> = {
  none: 'scalp.state.none',
  'under-half': 'scalp.state.underHalf',
  half: 'scalp.state.half',
  reached: 'scalp.state.reached',
  above: 'scalp.state.above',
  'no-target': 'scalp.state.noTarget',
};

/** A zone's state in the window's language: inside the zone ("✓ 100 %") and in words, for screen readers. */
export function zoneStateWords(t: Translate, f: Format) {
  const pctText = (pct: number) => (pct === 0 ? t('scalp.pctUnderOne') : t('scalp.pct', { pct: f.number(pct) }));
  return {
    short: (p: ZoneProgress): string =>
      p.state === 'none' ? `${ZONE_STATE_SYMBOL.none} ${t('scalp.short.none')}` : p.state === 'no-target' || p.pct === null ? t('scalp.short.noTarget') : `${ZONE_STATE_SYMBOL[p.state]} ${pctText(p.pct)}`,
    words: (p: ZoneProgress): string =>
      p.state === 'none' || p.state === 'no-target' || p.pct === null ? t(STATE_WORDS[p.state]) : t('scalp.stateOfTarget', { state: t(STATE_WORDS[p.state]), pct: pctText(p.pct) }),
  };
}

/** Label size on screen, in CSS px (the floor for a gloved clinician reading at arm's length). */
const LABEL_PX = 16;
const KEY_PX = 16;

/** SVG user units per CSS px at the size the map is drawn now, so labels keep their px size. */
function useUnitsPerPx(ref: React.RefObject<SVGSVGElement | null>): number {
  const [unitsPerPx, setUnitsPerPx] = useState(1);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The drawing is scaled to fit both ways (preserveAspectRatio "meet"): the smaller scale rules.
    const measure = () => {
      const { width, height } = el.getBoundingClientRect();
      const scale = Math.min(width / W, height / H);
      if (scale > 0) setUnitsPerPx(1 / scale);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return unitsPerPx;
}

type ZoneRect = (typeof RECTS)[ZoneId];

/** A ring of two bands (light under dark) along a zone's rectangle and the head's outline. */
function EdgeRing({ r, className, bands }: { r: ZoneRect; className: string; bands: [string, string] }) {
  return (
    <g className={`ring ${className}`}>
      {bands.map((band) => (
        <Fragment key={band}>
          <rect className={band} x={r.x} y={r.y} width={r.w} height={r.h} />
          <ellipse className={band} cx={CX} cy={CY} rx={RX} ry={RY} />
        </Fragment>
      ))}
    </g>
  );
}

/** "1 Frontal (hairline): target reached, 100 % of target; 100.0 µL delivered, target 100.0 µL; 5 shots" */
function zoneAccessibleName(t: Translate, f: Format, index: number, zone: Zone, figures: ZoneFigures | undefined): string {
  const delivered = figures?.deliveredNl ?? 0;
  const target = figures?.targetNl ?? null;
  const p = zoneProgress(delivered, target);
  return t('scalp.zoneName', {
    key: index + 1,
    zone: f.zone(zone),
    state: zoneStateWords(t, f).words(p),
    delivered: f.volume(delivered),
    target: target === null || target <= 0 ? t('scalp.noTargetSet') : t('scalp.target', { volume: f.volume(target) }),
    shots: figures?.shots ?? 0,
  });
}

export function ScalpMap({ figures, selected = null, onSelect, title }: Props) {
  const t = useT();
  const f = useFormat();
  const words = useMemo(() => zoneStateWords(t, f), [t, f]);
  const uid = useId();
  const clipId = `${uid}-head`;
  const hatchId = `${uid}-above`;
  const svgRef = useRef<SVGSVGElement>(null);
  const u = useUnitsPerPx(svgRef);
  const interactive = !!onSelect;
  const labelSize = LABEL_PX * u;
  const keySize = KEY_PX * u;
  const line = labelSize * 1.2;
  return (
    <div className="scalp">
      <ul className="legend map-legend" aria-label={t('scalp.key')}>
        {LEGEND.map((st) => (
          <li key={st}>
            <span className={`swatch st-${st}`} aria-hidden="true" />
            <span aria-hidden="true" className="sym">
              {st === 'no-target' ? '' : ZONE_STATE_SYMBOL[st]}
            </span>
            {t(LEGEND_WORDS[st], { from: REACHED_FROM_PCT, to: ABOVE_FROM_PCT - 1 })}
          </li>
        ))}
        <li>
          <span className="swatch sel" aria-hidden="true" />
          {t('scalp.legend.frame')}
        </li>
        <li>{t('scalp.legend.figures')}</li>
      </ul>
      <svg ref={svgRef} viewBox={`0 0 ${W} ${H}`} role="group" aria-label={title ?? t('scalp.title')}>
        <defs>
          <clipPath id={clipId}>
            <ellipse cx={CX} cy={CY} rx={RX} ry={RY} />
          </clipPath>
          {ZONES.map((z) => {
            const r = RECTS[z];
            return (
              <clipPath key={z} id={`${uid}-${z}`}>
                <rect x={r.x} y={r.y} width={r.w} height={r.h} />
              </clipPath>
            );
          })}
          <pattern id={hatchId} width={14} height={14} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect className="hatch-base" width={14} height={14} />
            <rect className="hatch-line" width={5} height={14} />
          </pattern>
        </defs>
        {/* nose and ears mark orientation */}
        <path d={`M ${CX - 16} ${CY - RY + 4} L ${CX} ${CY - RY - 18} L ${CX + 16} ${CY - RY + 4} Z`} className="head-mark" />
        <ellipse cx={CX - RX - 4} cy={CY - 10} rx={12} ry={34} className="head-mark" />
        <ellipse cx={CX + RX + 4} cy={CY - 10} rx={12} ry={34} className="head-mark" />
        <g clipPath={`url(#${clipId})`}>
          {ZONES.map((z, i) => {
            const r = RECTS[z];
            const zf = figures[z];
            const isSel = selected === z;
            const { state } = zoneProgress(zf?.deliveredNl ?? 0, zf?.targetNl ?? null);
            const name = zoneAccessibleName(t, f, i, z, zf);
            return (
              <g
                key={z}
                className={`zone${isSel ? ' selected' : ''}`}
                data-zone={z}
                data-state={state}
                {...(interactive
                  ? {
                      role: 'button',
                      tabIndex: 0,
                      'aria-pressed': isSel,
                      'aria-label': name,
                      onClick: () => onSelect(z),
                      onKeyDown: (e: React.KeyboardEvent) => {
                        if (e.key === 'Enter' || e.key === ' ') {
                          e.preventDefault();
                          onSelect(z);
                        }
                      },
                    }
                  : { role: 'img', 'aria-label': name })}
              >
                <rect className={`fill st-${state}`} x={r.x} y={r.y} width={r.w} height={r.h} fill={state === 'above' ? `url(#${hatchId})` : undefined} />
                {/* Rings along the zone's true edge (its rectangle and the head's outline), clipped to the
                    rectangle: a stroke is centred on its path, so half of it lies inside the zone. */}
                <g clipPath={`url(#${uid}-${z})`}>
                  <EdgeRing r={r} className="sel-ring" bands={['light', 'dark']} />
                  <EdgeRing r={r} className="focus-ring" bands={['focus-ring-light', 'focus-ring-dark']} />
                </g>
              </g>
            );
          })}
        </g>
        <ellipse cx={CX} cy={CY} rx={RX} ry={RY} className="head-outline" />
        {ZONES.map((z, i) => {
          const r = RECTS[z];
          const zf = figures[z];
          const p = zoneProgress(zf?.deliveredNl ?? 0, zf?.targetNl ?? null);
          return (
            <g key={z} aria-hidden="true" className={`zone-label st-${p.state}`} data-label-zone={z}>
              <text className="key" x={r.lx} y={r.ly - line} fontSize={keySize} textAnchor="middle" dominantBaseline="middle">
                {i + 1} {f.zoneShort(z)}
              </text>
              <text className="vol" x={r.lx} y={r.ly} fontSize={labelSize} textAnchor="middle" dominantBaseline="middle" data-zone-total={z}>
                {formatVolumeFigure(zf?.deliveredNl ?? 0, { locale: f.locale })}
              </text>
              <text className="state" x={r.lx} y={r.ly + line} fontSize={labelSize} textAnchor="middle" dominantBaseline="middle" data-zone-state={z}>
                {words.short(p)}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/**
 * The same map, small and without labels, for a list of past sessions: each zone shaded by what it
 * received against its target. The figures are said in words by the accessible name.
 */
export function MiniScalpMap({ figures, label }: { figures: Partial<Record<ZoneId, { deliveredNl: number; targetNl: number | null }>>; label: string }) {
  return (
    <svg className="scalp mini-scalp" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <defs>
        <clipPath id="mini-head">
          <ellipse cx={CX} cy={CY} rx={RX} ry={RY} />
        </clipPath>
      </defs>
      <g clipPath="url(#mini-head)">
        {ZONES.map((z) => {
          const r = RECTS[z];
          const zf = figures[z];
          const { state } = zoneProgress(zf?.deliveredNl ?? 0, zf?.targetNl ?? null);
          return <rect key={z} className={`fill st-${state === 'above' ? 'reached' : state}`} x={r.x} y={r.y} width={r.w} height={r.h} stroke="#5b6876" strokeWidth={4} />;
        })}
      </g>
      <ellipse cx={CX} cy={CY} rx={RX} ry={RY} className="head-outline" />
    </svg>
  );
}
