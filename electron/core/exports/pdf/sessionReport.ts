// One PDF report per session: who, whom, when, with what, how much and where - everything the
// station recorded about the session, on paper for the patient file or a reviewer. Streams into an
// AtomicFile (so a failed report never appears under its real name) with backpressure.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { AtomicFile } from '../files/atomicFile.js';
import { ZONE_LABELS, ZONES, type SessionReport, type TimerRef } from '../model.js';
import { formatVolumeFigure as ul, rewordVolumes } from '../../../contract/units.js';
import { duration, localTime } from '../time.js';
import { FONT_FILES } from './fonts.js';
import { Layout, type Column } from './layout.js';
import { drawScalpMap } from './scalpMap.js';
import { printable } from './text.js';

export interface ReportContext {
  exportId: string;
  exportedAtMs: number;
  exportedBy: string;
  pseudonymised: boolean;
  software: string;
  /** From a training station: every page says TRAINING, not a clinical record. */
  training?: boolean;
}

const FONTS = { regular: 'body', bold: 'body-bold' };

/** One colour per zone for the timeline strip (colour-blind-safe-ish Tableau 10). */
const ZONE_COLOURS: Record<string, string> = {
  frontal: '#4e79a7',
  mid_scalp: '#f28e2b',
  vertex: '#e15759',
  temporal_left: '#76b7b2',
  temporal_right: '#59a14f',
  parietal_left: '#edc948',
  parietal_right: '#b07aa1',
  occipital: '#ff9da7',
};

const STATUS_TEXT = { signed: 'SIGNED', aborted: 'ABORTED', in_progress: 'IN PROGRESS (not signed)' } as const;
const MAX_TIMELINE_ROWS = 60;

function timer(t: TimerRef | null): string {
  if (!t || t.startedAtMs === null) return 'not started';
  const parts = [`${localTime(t.startedAtMs)} to ${t.endedAtMs === null ? '(not ended)' : localTime(t.endedAtMs)}`];
  if (t.activeMs !== null) parts.push(`active ${duration(t.activeMs)}`);
  if (t.plannedMs !== null) parts.push(`planned ${duration(t.plannedMs)}`);
  if (t.pauses > 0) parts.push(`${t.pauses} pause${t.pauses === 1 ? '' : 's'}`);
  if (t.shortened) parts.push(`SHORTENED before its planned time, approved by ${t.shortened.approvedBy}: ${t.shortened.reason ?? '(reason withheld)'}`);
  return parts.join(', ');
}

function yesNo(v: boolean): string {
  return v ? 'yes' : 'no';
}

function adapter(file: AtomicFile): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      file.write(chunk).then(() => cb(), cb);
    },
  });
}

export async function writeSessionReportPdf(r: SessionReport, ctx: ReportContext, file: AtomicFile): Promise<void> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 40, bottom: 30, left: 40, right: 40 },
    bufferPages: true,
    info: {
      Title: `Session ${r.sessionId} - hair mesotherapy session report`,
      Author: 'Treatment-room station',
      Subject: `Patient ${r.patient.code}`,
      Creator: ctx.software,
      CreationDate: new Date(ctx.exportedAtMs),
    },
  });
  const done = pipeline(doc, adapter(file));
  try {
    doc.registerFont(FONTS.regular, FONT_FILES.regular);
    doc.registerFont(FONTS.bold, FONT_FILES.bold);
    draw(doc, r, ctx);
    footers(doc, r, ctx);
  } finally {
    doc.end();
  }
  await done;
}

function draw(doc: InstanceType<typeof PDFDocument>, r: SessionReport, ctx: ReportContext): void {
  const L = new Layout(doc, FONTS);

  // Title block.
  doc.font(FONTS.bold).fontSize(16).fillColor('#1e3a5f').text('Hair mesotherapy - session report', L.left, 40);
  const statusColour = r.status === 'signed' ? '#2e7d32' : r.status === 'aborted' ? '#c62828' : '#ef6c00';
  doc.font(FONTS.bold).fontSize(10).fillColor(statusColour).text(`Session #${r.sessionId}  -  ${STATUS_TEXT[r.status]}`);
  doc.font(FONTS.regular).fontSize(7.5).fillColor('#555555');
  doc.text(`Exported ${localTime(ctx.exportedAtMs)} by ${printable(ctx.exportedBy, 80)}; export ${ctx.exportId}; ${ctx.software}`);
  if (ctx.training) doc.font(FONTS.bold).fontSize(11).fillColor('#c62828').text('TRAINING - simulated gun, not a clinical record').font(FONTS.regular).fontSize(7.5).fillColor('#555555');
  if (ctx.pseudonymised) doc.text('Pseudonymised export: patient names, birth dates, clinic numbers and free-text notes are left out.');
  doc.fillColor('#000000');

  L.heading('Patient');
  const p = r.patient;
  L.keyValues(
    ctx.pseudonymised
      ? [
          ['Patient code', p.code],
          ['Sex', p.sex],
        ]
      : [
          ['Name', p.fullName],
          ['Date of birth', p.birthDate],
          ['Clinic number', p.clinicId],
          ['Sex', p.sex],
          ['Patient code', p.code],
        ],
  );

  L.heading('Session, clinician and signatures');
  L.keyValues([
    ['Started', localTime(r.startedAtMs)],
    // Closed by the signature or the abort (the status above says which); the words of status.ts, not "locked".
    ['Closed', r.lockedAtMs === null ? 'not yet (in progress)' : localTime(r.lockedAtMs)],
    ['Phase', r.phase],
    ['Clinician', signer(r.clinician)],
  ]);
  L.table(
    [
      { header: 'Meaning', width: 90 },
      { header: 'Signed by', width: 230 },
      { header: 'Time', width: L.width - 320 },
    ] satisfies Column[],
    r.signatures.map((s) => [s.meaning, signer(s), localTime(s.signedAtMs)]),
    { emptyText: 'Not signed.' },
  );
  if (r.abort) L.keyValues([['Aborted', `${localTime(r.abort.atMs)} in phase ${r.abort.phase}: ${r.abort.reason ?? '(reason withheld)'}`]]);

  L.heading('Gun and serum');
  L.keyValues([
    ['Gun model', r.gun.model],
    ['Gun serial', r.gun.serial],
    ['Gun firmware', r.gun.firmware],
    ['Dose records', provenanceLine(r.totals)],
    ['Serum', r.serum.name],
    ['Serum version', r.serum.serumVersionId === null ? null : `#${r.serum.serumVersionId}${r.serum.libraryVersion === null ? '' : ` (library version ${r.serum.libraryVersion})`}`],
    ['Lot', r.serum.lotNumber],
    ['Lot expiry', r.serum.expiry],
  ]);

  L.heading('Thermotherapy');
  if (r.thermo.skipped)
    L.keyValues([['Skipped', `${localTime(r.thermo.skipped.atMs)}, approved by ${r.thermo.skipped.approvedBy}: ${r.thermo.skipped.reason ?? '(reason withheld)'}`]]);
  L.keyValues([
    ['Steam', timer(r.thermo.steam)],
    ['Massage', timer(r.thermo.massage)],
  ]);

  // Map and per-zone table side by side.
  // The map and its table need about 300 pt: start a page first rather than leave the heading alone.
  L.ensure(300);
  L.heading('Scalp map and volume per zone');
  L.ensure(270);
  const top = doc.y + 4;
  const mapWidth = 200;
  drawScalpMap(doc, { x: L.left, y: top + 10, width: mapWidth, height: 230 }, r.zones, FONTS);
  doc.y = top;
  const tableX = L.left + mapWidth + 12;
  const zoneCols: Column[] = [
    { header: 'Zone', width: 72 },
    { header: 'Shots', width: 34, align: 'right' },
    { header: 'Deliv. µL', width: 50, align: 'right' },
    { header: 'Cmd. µL', width: 46, align: 'right' },
    { header: 'Target µL', width: 52, align: 'right' },
    { header: 'Faults', width: L.left + L.width - tableX - 254, align: 'right' },
  ];
  const byZone = new Map(r.zones.map((z) => [z.zone, z]));
  const zoneRows = ZONES.map((zone) => {
    const z = byZone.get(zone);
    return [ZONE_LABELS[zone], String(z?.shots ?? 0), ul(z?.deliveredNl ?? 0), ul(z?.commandedNl ?? 0), z?.targetNl == null ? '-' : ul(z.targetNl), String(z?.faults ?? 0)];
  });
  zoneRows.push(['Total', String(r.totals.shots), ul(r.totals.deliveredNl), ul(r.totals.commandedNl), '', String(r.totals.faults)]);
  L.table(zoneCols, zoneRows, { x: tableX });
  doc.y = Math.max(doc.y, top + 262);
  doc.x = L.left;

  L.heading('Shot timeline');
  timelineStrip(doc, L, r);
  const shown = r.timeline.slice(0, MAX_TIMELINE_ROWS);
  L.table(
    [
      { header: 'Zone', width: 100 },
      { header: 'First shot', width: 130 },
      { header: 'Last shot', width: 130 },
      { header: 'Shots', width: 45, align: 'right' },
      { header: 'Deliv. µL', width: 60, align: 'right' },
      { header: 'Faults', width: L.width - 465, align: 'right' },
    ],
    shown.map((s) => [label(s.zone), localTime(s.firstShotMs), localTime(s.lastShotMs), String(s.shots), ul(s.deliveredNl), String(s.faults)]),
    { emptyText: 'No shots recorded.' },
  );
  if (r.timeline.length > shown.length)
    doc.font(FONTS.regular).fontSize(7.5).text(`... ${r.timeline.length - shown.length} more runs; every shot is in the shot-level CSV/JSON export.`);

  L.heading('Limit events and overrides');
  L.table(
    [
      { header: 'Time', width: 120 },
      { header: 'Kind', width: 62 },
      { header: 'Scope', width: 70 },
      { header: 'µL total / limit', width: 80, align: 'right' },
      { header: 'Reason and detail', width: L.width - 332 },
    ],
    r.limitEvents.map((e) => [
      localTime(e.atMs),
      e.kind,
      e.zone ? `${e.scope} (${label(e.zone)})` : e.scope,
      `${e.totalNl === null ? '-' : ul(e.totalNl)} / ${e.limitNl === null ? '-' : ul(e.limitNl)}`,
      // Details recorded before the units module say "uL": worded as every other volume here.
      [e.reason ? `Reason: ${e.reason}` : null, rewordVolumes(e.detail)].filter((x) => x !== null).join('\n'),
    ]),
    { emptyText: 'No limit events.' },
  );

  L.heading('Interruptions while armed');
  L.table(
    [
      { header: 'What', width: 110 },
      { header: 'From', width: 120 },
      { header: 'To', width: 120 },
      { header: 'Records recovered from the gun', width: L.width - 350 },
    ],
    r.interruptions.map((i) => [
      i.kind === 'station-restart' ? 'Station restarted' : 'Link to the gun lost',
      localTime(i.startedAtMs),
      i.endedAtMs === null ? '(not back)' : localTime(i.endedAtMs),
      `${i.recovered} recovered; ${i.missing === null ? 'the gun had not confirmed its last record' : i.missing === 0 ? 'none lost' : `${i.missing} not received`}`,
    ]),
    { emptyText: 'None: the station and the link to the gun stayed up while it was armed.' },
  );

  L.heading('Closing and aftercare');
  if (r.closing)
    L.keyValues([
      ['Recorded', localTime(r.closing.atMs)],
      ['Oil serum applied', yesNo(r.closing.oilSerumApplied)],
      ['Aftercare given', yesNo(r.closing.aftercareGiven)],
      ['Notes', r.closing.notes ?? (ctx.pseudonymised ? '(withheld)' : '-')],
    ]);
  else L.keyValues([['Aftercare given', 'not recorded (the closing step was not reached)']]);

  if (r.addenda.length > 0) {
    L.heading('Addenda (corrections after locking)');
    L.table(
      [
        { header: 'Time', width: 120 },
        { header: 'By', width: 80 },
        { header: 'Text and reason', width: L.width - 200 },
      ],
      r.addenda.map((a) => [localTime(a.atMs), a.username, `${a.text ?? '(withheld)'}\nReason: ${a.reason ?? '(withheld)'}`]),
    );
  }
}

function label(zone: string): string {
  return (ZONE_LABELS as Record<string, string>)[zone] ?? zone;
}

function signer(s: { username: string; displayName: string | null }): string {
  return s.displayName === null ? s.username : `${s.displayName} (${s.username})`;
}

function timelineStrip(doc: InstanceType<typeof PDFDocument>, L: Layout, r: SessionReport): void {
  if (r.timeline.length === 0) return;
  L.ensure(44);
  const t0 = Math.min(...r.timeline.map((s) => s.firstShotMs));
  const t1 = Math.max(...r.timeline.map((s) => s.lastShotMs));
  const span = Math.max(1, t1 - t0);
  const y = doc.y + 2;
  const x0 = L.left;
  const w = L.width;
  doc.rect(x0, y, w, 12).fill('#eeeeee');
  for (const s of r.timeline) {
    const a = x0 + ((s.firstShotMs - t0) / span) * w;
    const b = x0 + ((s.lastShotMs - t0) / span) * w;
    doc.rect(a, y, Math.max(1.5, b - a), 12).fill(ZONE_COLOURS[s.zone] ?? '#999999');
  }
  doc.font(FONTS.regular).fontSize(6.5).fillColor('#444444');
  doc.text(localTime(t0), x0, y + 14, { width: 150, lineBreak: false });
  doc.text(`${localTime(t1)} (${duration(t1 - t0)})`, x0 + w - 200, y + 14, { width: 200, align: 'right', lineBreak: false });
  // Legend.
  let lx = x0;
  const ly = y + 24;
  for (const zone of ZONES) {
    doc.rect(lx, ly + 1, 7, 7).fill(ZONE_COLOURS[zone]!);
    doc.fillColor('#333333').text(ZONE_LABELS[zone], lx + 9, ly, { width: 60, lineBreak: false });
    lx += 64;
  }
  doc.fillColor('#000000');
  doc.y = ly + 12;
  doc.x = L.left;
}

function footers(doc: InstanceType<typeof PDFDocument>, r: SessionReport, ctx: ReportContext): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - 32;
    // Writing below the bottom margin would make pdfkit add a page; lift the margin while we do it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONTS.regular).fontSize(7).fillColor('#777777');
    doc.text(`${ctx.training ? 'TRAINING (not a clinical record)  -  ' : ''}Session #${r.sessionId}  -  patient ${r.patient.code}  -  export ${ctx.exportId}  -  page ${i - range.start + 1} of ${range.count}`, doc.page.margins.left, y, {
      width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** The session's provenance line: how many of its dose records carried the gun's verified MAC. */
export function provenanceLine(t: { shots: number; authenticated: number }): string {
  if (t.shots === 0) return 'none recorded';
  if (t.authenticated === t.shots) return `all ${t.shots} authenticated by the gun's MAC`;
  const not = t.shots - t.authenticated;
  return `${t.authenticated} of ${t.shots} authenticated by the gun's MAC; ${not} not (the audit screen's "Verify dose records" says why)`;
}
