// A signature drawn with a finger, a stylus or a mouse (pointer events), kept as vector strokes in
// the pad's own units: what is stored is what was drawn, point by point, not a picture of it.
import { useRef, useState, type PointerEvent } from 'react';
import { useT } from '../i18n/I18n.js';

export const PAD_WIDTH = 480;
export const PAD_HEIGHT = 160;

export type Stroke = [number, number][];

interface Props {
  strokes: Stroke[];
  onChange: (strokes: Stroke[]) => void;
  /** The visible label, e.g. "Patient's signature". */
  label: string;
}

const round = (v: number) => Math.round(v * 10) / 10;

export function SignaturePad({ strokes, onChange, label }: Props) {
  const t = useT();
  const ref = useRef<SVGSVGElement>(null);
  const [drawing, setDrawing] = useState<Stroke | null>(null);

  const pointAt = (e: PointerEvent<SVGSVGElement>): [number, number] => {
    const box = ref.current!.getBoundingClientRect();
    const x = ((e.clientX - box.left) / box.width) * PAD_WIDTH;
    const y = ((e.clientY - box.top) / box.height) * PAD_HEIGHT;
    return [round(Math.min(PAD_WIDTH, Math.max(0, x))), round(Math.min(PAD_HEIGHT, Math.max(0, y)))];
  };
  const down = (e: PointerEvent<SVGSVGElement>) => {
    e.preventDefault();
    ref.current?.setPointerCapture(e.pointerId);
    setDrawing([pointAt(e)]);
  };
  const move = (e: PointerEvent<SVGSVGElement>) => {
    if (drawing) setDrawing([...drawing, pointAt(e)]);
  };
  const up = () => {
    if (drawing) onChange([...strokes, drawing]);
    setDrawing(null);
  };
  const path = (s: Stroke) => s.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x} ${y}`).join(' ');

  return (
    <div className="stack signature">
      <span id="sig-label">{label}</span>
      <svg
        ref={ref}
        className="signature-pad"
        viewBox={`0 0 ${PAD_WIDTH} ${PAD_HEIGHT}`}
        role="img"
        aria-labelledby="sig-label"
        aria-describedby="sig-state"
        data-testid="signature-pad"
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      >
        <line x1="24" y1={PAD_HEIGHT - 32} x2={PAD_WIDTH - 24} y2={PAD_HEIGHT - 32} className="signature-line" />
        {[...strokes, ...(drawing ? [drawing] : [])].map((s, i) => (
          <path key={i} d={path(s)} className="signature-stroke" />
        ))}
      </svg>
      <div className="row between">
        <span id="sig-state" className="muted small">
          {strokes.length === 0 ? t('signature.empty') : t('signature.signed')}
        </span>
        <button type="button" className="secondary" onClick={() => onChange([])} disabled={strokes.length === 0}>
          {t('signature.clear')}
        </button>
      </div>
    </div>
  );
}
