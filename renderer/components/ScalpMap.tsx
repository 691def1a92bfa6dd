// Top view of the scalp (forehead at the top), the 8 treatment zones coloured by delivered vs target
// volume. Each zone is a 44 px+ touch target, focusable, and chosen by touch, click, Enter or its key 1-8.
import { useId } from 'react';
import { ZONES, type ZoneId } from '../format.js';
import { formatVolume } from '../../electron/contract/units.js';

export interface ZoneFigures {
  deliveredNl: number;
  targetNl: number | null;
  shots: number;
}

interface Props {
  figures: Partial<Record<ZoneId, ZoneFigures>>;
  selected?: ZoneId | null;
  onSelect?: (zone: ZoneId) => void;
  /** Title for screen readers, e.g. "Scalp map, session 12". */
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
  frontal: { x: L, y: 0, w: R - L, h: Y1, lx: CX, ly: 70 },
  mid_scalp: { x: L, y: Y1, w: R - L, h: Y2 - Y1, lx: CX, ly: 175 },
  vertex: { x: L, y: Y2, w: R - L, h: Y3 - Y2, lx: CX, ly: 300 },
  temporal_left: { x: 0, y: 0, w: L, h: Y_SIDE, lx: 92, ly: 180 },
  temporal_right: { x: R, y: 0, w: W - R, h: Y_SIDE, lx: W - 92, ly: 180 },
  parietal_left: { x: 0, y: Y_SIDE, w: L, h: Y3 - Y_SIDE, lx: 92, ly: 305 },
  parietal_right: { x: R, y: Y_SIDE, w: W - R, h: Y3 - Y_SIDE, lx: W - 92, ly: 305 },
  occipital: { x: 0, y: Y3, w: W, h: H - Y3, lx: CX, ly: 425 },
};

/** Fill by progress: grey (none) -> light teal -> deep teal (target reached); amber above target. */
export function zoneFill(f: ZoneFigures | undefined): string {
  if (!f || f.deliveredNl <= 0) return '#e4e8ec';
  if (f.targetNl === null || f.targetNl <= 0) return '#9fd3c7';
  const r = f.deliveredNl / f.targetNl;
  if (r > 1.1) return '#f2c14e';
  if (r >= 0.95) return '#3fa58a';
  if (r >= 0.5) return '#7cc6b0';
  return '#b9e1d5';
}

export function ScalpMap({ figures, selected = null, onSelect, title = 'Scalp map' }: Props) {
  const clipId = useId();
  const interactive = !!onSelect;
  return (
    <div className="scalp">
      <svg viewBox={`0 0 ${W} ${H}`} role="group" aria-label={title}>
        <defs>
          <clipPath id={clipId}>
            <ellipse cx={CX} cy={CY} rx={RX} ry={RY} />
          </clipPath>
        </defs>
        {/* nose and ears mark orientation */}
        <path d={`M ${CX - 16} ${CY - RY + 4} L ${CX} ${CY - RY - 18} L ${CX + 16} ${CY - RY + 4} Z`} fill="#c9d1d9" />
        <ellipse cx={CX - RX - 4} cy={CY - 10} rx={12} ry={34} fill="#c9d1d9" />
        <ellipse cx={CX + RX + 4} cy={CY - 10} rx={12} ry={34} fill="#c9d1d9" />
        <g clipPath={`url(#${clipId})`}>
          {ZONES.map((z, i) => {
            const r = RECTS[z.id];
            const f = figures[z.id];
            const isSel = selected === z.id;
            const target = f?.targetNl ?? null;
            const label = `${i + 1} ${z.label}: ${formatVolume(f?.deliveredNl ?? 0)} of ${target === null ? 'no target' : formatVolume(target)}, ${f?.shots ?? 0} shots${isSel ? ', selected' : ''}`;
            return (
              <g
                key={z.id}
                className={`zone${isSel ? ' selected' : ''}`}
                data-zone={z.id}
                {...(interactive
                  ? {
                      role: 'button',
                      tabIndex: 0,
                      'aria-pressed': isSel,
                      'aria-label': label,
                      onClick: () => onSelect(z.id),
                      onKeyDown: (e: React.KeyboardEvent) => {
                        if (e.key === 'Enter' || e.key === ' ') {
                          e.preventDefault();
                          onSelect(z.id);
                        }
                      },
                    }
                  : { role: 'img', 'aria-label': label })}
              >
                <rect x={r.x} y={r.y} width={r.w} height={r.h} fill={zoneFill(f)} />
                <rect className="outline" x={r.x + 3} y={r.y + 3} width={r.w - 6} height={r.h - 6} fill="none" stroke="none" />
              </g>
            );
          })}
        </g>
        <ellipse cx={CX} cy={CY} rx={RX} ry={RY} fill="none" stroke="#5b6876" strokeWidth={2} />
        {ZONES.map((z, i) => {
          const r = RECTS[z.id];
          const f = figures[z.id];
          return (
            <g key={z.id} aria-hidden="true">
              <text className="key" x={r.lx} y={r.ly - 16} textAnchor="middle">
                {i + 1} · {z.short}
              </text>
              <text className="vol" x={r.lx} y={r.ly + 4} textAnchor="middle" data-zone-total={z.id}>
                {formatVolume(f?.deliveredNl ?? 0)}
              </text>
              <text className="label" x={r.lx} y={r.ly + 22} textAnchor="middle">
                {f?.targetNl ? `of ${formatVolume(f.targetNl)}` : ''}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="legend" aria-hidden="true">
        <span><i style={{ background: '#e4e8ec' }} />none</span>
        <span><i style={{ background: '#b9e1d5' }} />under half</span>
        <span><i style={{ background: '#7cc6b0' }} />half+</span>
        <span><i style={{ background: '#3fa58a' }} />target reached</span>
        <span><i style={{ background: '#f2c14e' }} />above target</span>
      </div>
    </div>
  );
}
