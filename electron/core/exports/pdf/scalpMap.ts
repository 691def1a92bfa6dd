// The scalp map: a top view of the head (front at the top, the patient's left on the left, as seen
// standing behind the patient) divided into the 8 zones of the default map, each shaded by the volume
// it received and labelled with its µL. Drawn as vectors, so it prints sharp at any size.
import type { ZoneTotal, Zone } from '../model.js';
import type { ReportWords } from './reportWords.js';

/** Zone rectangles in head coordinates: u across (-1 left .. 1 right), v front (-1) to back (1). */
const SIDE = 0.4;
const ZONE_RECTS: Record<Zone, { u0: number; u1: number; v0: number; v1: number }> = {
  frontal: { u0: -SIDE, u1: SIDE, v0: -1, v1: -0.6 },
  temporal_left: { u0: -1, u1: -SIDE, v0: -1, v1: -0.15 },
  temporal_right: { u0: SIDE, u1: 1, v0: -1, v1: -0.15 },
  mid_scalp: { u0: -SIDE, u1: SIDE, v0: -0.6, v1: -0.05 },
  parietal_left: { u0: -1, u1: -SIDE, v0: -0.15, v1: 0.55 },
  parietal_right: { u0: SIDE, u1: 1, v0: -0.15, v1: 0.55 },
  vertex: { u0: -SIDE, u1: SIDE, v0: -0.05, v1: 0.55 },
  occipital: { u0: -1, u1: 1, v0: 0.55, v1: 1 },
};

/** Side zones are cut by the head's curve: their labels sit in the middle of the part that shows. */
function sideLabel(sign: -1 | 1, v: number): { u: number; v: number } {
  return { u: (sign * (SIDE + Math.sqrt(1 - v * v))) / 2, v };
}
const LABEL_AT: Partial<Record<Zone, { u: number; v: number }>> = {
  temporal_left: sideLabel(-1, -0.52),
  temporal_right: sideLabel(1, -0.52),
  parietal_left: sideLabel(-1, 0.2),
  parietal_right: sideLabel(1, 0.2),
  occipital: { u: 0, v: 0.74 },
};

function shade(fraction: number): string {
  // White to a mid blue, light enough that the dark labels stay readable on the fullest zone.
  const f = Math.max(0, Math.min(1, fraction));
  const from = [255, 255, 255];
  const to = [107, 158, 222];
  return '#' + from.map((c, i) => Math.round(c + (to[i]! - c) * f).toString(16).padStart(2, '0')).join('');
}

export interface MapBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function drawScalpMap(doc: PDFKit.PDFDocument, box: MapBox, zones: readonly ZoneTotal[], fonts: { regular: string; bold: string }, w: ReportWords): void {
  const volume = (nl: number) => `${w.ul(nl)}\u00a0µL`;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2 + 6;
  const rx = box.width * 0.44;
  const ry = box.height * 0.42;
  const X = (u: number) => cx + u * rx;
  const Y = (v: number) => cy + v * ry;
  const max = Math.max(1, ...zones.map((z) => z.deliveredNl));
  const byZone = new Map(zones.map((z) => [z.zone, z]));

  doc.save();
  // Nose and ears first, so the head outline is drawn over their joins.
  doc.polygon([cx - 10, Y(-1) + 2], [cx, Y(-1) - 14], [cx + 10, Y(-1) + 2]).lineWidth(1).fillAndStroke('#f2f2f2', '#555555');
  doc.ellipse(X(-1) - 2, cy - ry * 0.2, 7, 18).fillAndStroke('#f2f2f2', '#555555');
  doc.ellipse(X(1) + 2, cy - ry * 0.2, 7, 18).fillAndStroke('#f2f2f2', '#555555');

  // Zone fills, clipped to the head.
  doc.save();
  doc.ellipse(cx, cy, rx, ry).clip();
  for (const [zone, r] of Object.entries(ZONE_RECTS) as [Zone, (typeof ZONE_RECTS)[Zone]][]) {
    const z = byZone.get(zone);
    doc.rect(X(r.u0), Y(r.v0), X(r.u1) - X(r.u0), Y(r.v1) - Y(r.v0)).fill(shade((z?.deliveredNl ?? 0) / max));
  }
  // Zone borders.
  doc.lineWidth(0.8).strokeColor('#333333');
  for (const r of Object.values(ZONE_RECTS)) doc.rect(X(r.u0), Y(r.v0), X(r.u1) - X(r.u0), Y(r.v1) - Y(r.v0)).stroke();
  doc.restore();
  doc.ellipse(cx, cy, rx, ry).lineWidth(1.5).stroke('#333333');

  // Labels: zone name (short, in the report's language) and µL delivered.
  for (const [zone, r] of Object.entries(ZONE_RECTS) as [Zone, (typeof ZONE_RECTS)[Zone]][]) {
    const z = byZone.get(zone);
    const at = LABEL_AT[zone] ?? { u: (r.u0 + r.u1) / 2, v: (r.v0 + r.v1) / 2 };
    const lw = 56;
    doc.fillColor('#111111').font(fonts.regular).fontSize(6.5).text(w.t('report.zoneShort', { zone }), X(at.u) - lw / 2, Y(at.v) - 9, { width: lw, align: 'center', lineBreak: false });
    doc.font(fonts.bold).fontSize(8).text(volume(z?.deliveredNl ?? 0), X(at.u) - lw / 2, Y(at.v) + 0.5, { width: lw, align: 'center', lineBreak: false });
  }

  // Orientation, so nobody has to guess which side is which.
  doc.fillColor('#444444').font(fonts.bold).fontSize(7);
  doc.text(w.t('report.map.front'), cx - 30, Y(-1) - 24, { width: 60, align: 'center', lineBreak: false });
  doc.text(w.t('report.map.back'), cx - 30, Y(1) + 4, { width: 60, align: 'center', lineBreak: false });
  // Beside the ears, right-aligned to the left one and left-aligned to the right one: a side's word
  // ("SAĞ") may be wider than one letter.
  doc.text(w.t('report.map.left'), X(-1) - 34, cy - ry * 0.2 - 4, { width: 20, align: 'right', lineBreak: false });
  doc.text(w.t('report.map.right'), X(1) + 14, cy - ry * 0.2 - 4, { width: 20, align: 'left', lineBreak: false });
  doc.font(fonts.regular).fontSize(6).fillColor('#666666');
  doc.text(w.t('report.map.note'), box.x, box.y + box.height + 2, { width: box.width, align: 'center' });
  doc.restore();
}
