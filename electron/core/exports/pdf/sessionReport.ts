// One PDF report per session: who, whom, when, with what, how much and where - everything the
// station recorded about the session, on paper for the patient file or a reviewer. Streams into an
// AtomicFile (so a failed report never appears under its real name) with backpressure.
//
// Written in the reader's language (ReportContext.language: the exporting admin's, else the
// station's): the words from the core's catalogues (core/i18n, report.*), figures and dates by Intl
// for that language. What people typed (names, reasons, notes) and what the record stored as prose
// (a limit event's detail) is printed as it was recorded. DejaVu Sans (fonts.ts) covers Turkish and
// Spanish letters.
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { Language } from '../../../contract/languages.js';
import { rewordVolumes } from '../../../contract/units.js';
import { coreIntl } from '../../i18n/intl.js';
import type { AtomicFile } from '../files/atomicFile.js';
import { ZONES, type SessionReport, type TimerRef } from '../model.js';
import { duration } from '../time.js';
import { FONT_FILES } from './fonts.js';
import { Layout, type Column } from './layout.js';
import { reportWords, type ReportWords } from './reportWords.js';
import { drawScalpMap } from './scalpMap.js';
import { printable } from './text.js';

export interface ReportContext {
  exportId: string;
  exportedAtMs: number;
  exportedBy: string;
  pseudonymised: boolean;
  software: string;
  /** The language the report is written in. */
  language: Language;
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

const MAX_TIMELINE_ROWS = 60;

function timer(w: ReportWords, t: TimerRef | null): string {
  if (!t || t.startedAtMs === null) return w.t('report.timer.notStarted');
  const parts = [w.t('report.timer.span', { from: w.time(t.startedAtMs), to: t.endedAtMs === null ? w.t('report.timer.notEnded') : w.time(t.endedAtMs) })];
  if (t.activeMs !== null) parts.push(w.t('report.timer.active', { duration: duration(t.activeMs) }));
  if (t.plannedMs !== null) parts.push(w.t('report.timer.planned', { duration: duration(t.plannedMs) }));
  if (t.pauses > 0) parts.push(w.t('report.timer.pauses', { count: t.pauses }));
  if (t.shortened) parts.push(w.t('report.timer.shortened', { name: t.shortened.approvedBy, reason: t.shortened.reason ?? w.t('report.reasonWithheld') }));
  return parts.join(', ');
}

function yesNo(w: ReportWords, v: boolean): string {
  return v ? w.t('report.yes') : w.t('report.no');
}

function adapter(file: AtomicFile): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      file.write(chunk).then(() => cb(), cb);
    },
  });
}

export async function writeSessionReportPdf(r: SessionReport, ctx: ReportContext, file: AtomicFile): Promise<void> {
  const w = reportWords(ctx.language);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 40, bottom: 30, left: 40, right: 40 },
    bufferPages: true,
    // The document's language: screen readers and text extraction read it in the right one.
    lang: coreIntl(ctx.language).locale,
    info: {
      Title: w.t('report.docTitle', { id: r.sessionId }),
      Author: w.t('report.author'),
      Subject: w.t('report.docSubject', { code: r.patient.code }),
      Creator: ctx.software,
      CreationDate: new Date(ctx.exportedAtMs),
    },
  });
  const done = pipeline(doc, adapter(file));
  try {
    doc.registerFont(FONTS.regular, FONT_FILES.regular);
    doc.registerFont(FONTS.bold, FONT_FILES.bold);
    draw(doc, r, ctx, w);
    footers(doc, r, ctx, w);
  } finally {
    doc.end();
  }
  await done;
}

function draw(doc: InstanceType<typeof PDFDocument>, r: SessionReport, ctx: ReportContext, w: ReportWords): void {
  const L = new Layout(doc, FONTS, w.cut);
  const { t, ul, n, time } = w;
  const withheld = t('report.reasonWithheld');

  // Title block.
  doc.font(FONTS.bold).fontSize(16).fillColor('#1e3a5f').text(t('report.title'), L.left, 40);
  const statusColour = r.status === 'signed' ? '#2e7d32' : r.status === 'aborted' ? '#c62828' : '#ef6c00';
  doc.font(FONTS.bold).fontSize(10).fillColor(statusColour).text(t('report.sessionLine', { id: r.sessionId, status: t('report.status', { status: r.status }) }));
  doc.font(FONTS.regular).fontSize(7.5).fillColor('#555555');
  doc.text(t('report.exported', { when: time(ctx.exportedAtMs), who: printable(ctx.exportedBy, 80, w.cut), exportId: ctx.exportId, software: ctx.software }));
  if (ctx.training) doc.font(FONTS.bold).fontSize(11).fillColor('#c62828').text(t('report.training')).font(FONTS.regular).fontSize(7.5).fillColor('#555555');
  if (ctx.pseudonymised) doc.text(t('report.pseudonymised'));
  doc.fillColor('#000000');

  L.heading(t('report.heading.patient'));
  const p = r.patient;
  const sex = p.sex === null ? null : t('report.sexValue', { sex: p.sex });
  L.keyValues(
    ctx.pseudonymised
      ? [
          [t('report.patientCode'), p.code],
          [t('report.sex'), sex],
        ]
      : [
          [t('report.name'), p.fullName],
          [t('report.birthDate'), p.birthDate],
          [t('report.clinicNumber'), p.clinicId],
          [t('report.sex'), sex],
          [t('report.patientCode'), p.code],
        ],
  );

  L.heading(t('report.heading.session'));
  L.keyValues([
    [t('report.started'), time(r.startedAtMs)],
    // Closed by the signature or the abort (the status above says which); the words of status.ts, not "locked".
    [t('report.closed'), r.closedAtMs === null ? t('report.notClosed') : time(r.closedAtMs)],
    [t('report.phase'), t('report.phaseValue', { phase: r.phase })],
    [t('report.clinician'), signer(r.clinician)],
  ]);
  L.table(
    [
      { header: t('report.meaning'), width: 90 },
      { header: t('report.signedBy'), width: 230 },
      { header: t('report.time'), width: L.width - 320 },
    ] satisfies Column[],
    r.signatures.map((s) => [t('report.meaningValue', { meaning: s.meaning }), signer(s), time(s.signedAtMs)]),
    { emptyText: t('report.notSigned') },
  );
  if (r.abort) L.keyValues([[t('report.aborted'), t('report.abortedValue', { when: time(r.abort.atMs), phase: t('report.phaseValue', { phase: r.abort.phase }), reason: r.abort.reason ?? withheld })]]);

  L.heading(t('report.heading.gun'));
  L.keyValues([
    [t('report.gunModel'), r.gun.model],
    [t('report.gunSerial'), r.gun.serial],
    [t('report.gunFirmware'), r.gun.firmware],
    [t('report.doseRecords'), provenanceLine(r.totals, w)],
    [t('report.serum'), r.serum.name],
    [
      t('report.serumVersion'),
      r.serum.serumVersionId === null
        ? null
        : r.serum.libraryVersion === null
          ? t('report.serumVersionValue', { id: String(r.serum.serumVersionId) })
          : t('report.serumVersionLibrary', { id: String(r.serum.serumVersionId), library: String(r.serum.libraryVersion) }),
    ],
    [t('report.lot'), r.serum.lotNumber],
    [t('report.lotExpiry'), r.serum.expiry],
  ]);

  L.heading(t('report.heading.thermo'));
  if (r.thermo.skipped)
    L.keyValues([[t('report.skipped'), t('report.skippedValue', { when: time(r.thermo.skipped.atMs), name: r.thermo.skipped.approvedBy, reason: r.thermo.skipped.reason ?? withheld })]]);
  L.keyValues([
    [t('report.steam'), timer(w, r.thermo.steam)],
    [t('report.massage'), timer(w, r.thermo.massage)],
  ]);

  // Map and per-zone table side by side.
  // The map and its table need about 300 pt: start a page first rather than leave the heading alone.
  L.ensure(300);
  L.heading(t('report.heading.map'));
  L.ensure(270);
  const top = doc.y + 4;
  const mapWidth = 200;
  drawScalpMap(doc, { x: L.left, y: top + 10, width: mapWidth, height: 230 }, r.zones, FONTS, w);
  doc.y = top;
  const tableX = L.left + mapWidth + 12;
  const zoneCols: Column[] = [
    { header: t('report.zone'), width: 72 },
    { header: t('report.shots'), width: 34, align: 'right' },
    { header: t('report.deliveredUl'), width: 50, align: 'right' },
    { header: t('report.commandedUl'), width: 46, align: 'right' },
    { header: t('report.targetUl'), width: 52, align: 'right' },
    { header: t('report.faults'), width: L.left + L.width - tableX - 254, align: 'right' },
  ];
  const byZone = new Map(r.zones.map((z) => [z.zone, z]));
  const zoneRows = ZONES.map((zone) => {
    const z = byZone.get(zone);
    return [w.zone(zone), n(z?.shots ?? 0), ul(z?.deliveredNl ?? 0), ul(z?.commandedNl ?? 0), z?.targetNl == null ? '-' : ul(z.targetNl), n(z?.faults ?? 0)];
  });
  zoneRows.push([t('report.total'), n(r.totals.shots), ul(r.totals.deliveredNl), ul(r.totals.commandedNl), '', n(r.totals.faults)]);
  L.table(zoneCols, zoneRows, { x: tableX });
  doc.y = Math.max(doc.y, top + 262);
  doc.x = L.left;

  L.heading(t('report.heading.timeline'));
  timelineStrip(doc, L, r, w);
  const shown = r.timeline.slice(0, MAX_TIMELINE_ROWS);
  L.table(
    [
      { header: t('report.zone'), width: 100 },
      { header: t('report.firstShot'), width: 130 },
      { header: t('report.lastShot'), width: 130 },
      { header: t('report.shots'), width: 45, align: 'right' },
      { header: t('report.deliveredUl'), width: 60, align: 'right' },
      { header: t('report.faults'), width: L.width - 465, align: 'right' },
    ],
    shown.map((s) => [w.zone(s.zone), time(s.firstShotMs), time(s.lastShotMs), n(s.shots), ul(s.deliveredNl), n(s.faults)]),
    { emptyText: t('report.noShots') },
  );
  if (r.timeline.length > shown.length) doc.font(FONTS.regular).fontSize(7.5).text(t('report.moreRuns', { count: r.timeline.length - shown.length }));

  L.heading(t('report.heading.limits'));
  L.table(
    [
      { header: t('report.time'), width: 120 },
      { header: t('report.kind'), width: 62 },
      { header: t('report.scope'), width: 70 },
      { header: t('report.totalLimit'), width: 80, align: 'right' },
      { header: t('report.reasonDetail'), width: L.width - 332 },
    ],
    r.limitEvents.map((e) => {
      const scope = t('report.scopeValue', { scope: e.scope });
      return [
        time(e.atMs),
        t('report.kindValue', { kind: e.kind }),
        e.zone ? t('report.scopeInZone', { scope, zone: w.zone(e.zone) }) : scope,
        `${e.totalNl === null ? '-' : ul(e.totalNl)} / ${e.limitNl === null ? '-' : ul(e.limitNl)}`,
        // The detail is prose the core recorded at the time (English): printed as recorded. Details
        // recorded before the units module say "uL": worded as every other volume here.
        [e.reason ? t('report.reasonLine', { reason: e.reason }) : null, rewordVolumes(e.detail)].filter((x) => x !== null).join('\n'),
      ];
    }),
    { emptyText: t('report.noLimitEvents') },
  );

  L.heading(t('report.heading.interruptions'));
  L.table(
    [
      { header: t('report.what'), width: 110 },
      { header: t('report.from'), width: 120 },
      { header: t('report.to'), width: 120 },
      { header: t('report.recoveredHeader'), width: L.width - 350 },
    ],
    r.interruptions.map((i) => [
      i.kind === 'station-restart' ? t('report.stationRestarted') : t('report.linkLost'),
      time(i.startedAtMs),
      i.endedAtMs === null ? t('report.notBack') : time(i.endedAtMs),
      t('report.recovered', {
        recovered: n(i.recovered),
        rest: i.missing === null ? t('report.unconfirmed') : i.missing === 0 ? t('report.noneLost') : t('report.notReceived', { count: n(i.missing) }),
      }),
    ]),
    { emptyText: t('report.noInterruptions') },
  );

  L.heading(t('report.heading.closing'));
  if (r.closing)
    L.keyValues([
      [t('report.recorded'), time(r.closing.atMs)],
      [t('report.oilSerum'), yesNo(w, r.closing.oilSerumApplied)],
      [t('report.aftercareGiven'), yesNo(w, r.closing.aftercareGiven)],
      [t('report.notes'), r.closing.notes ?? (ctx.pseudonymised ? t('report.withheld') : '-')],
    ]);
  else L.keyValues([[t('report.aftercareGiven'), t('report.closingNotReached')]]);

  if (r.addenda.length > 0) {
    L.heading(t('report.heading.addenda'));
    L.table(
      [
        { header: t('report.time'), width: 120 },
        { header: t('report.by'), width: 80 },
        { header: t('report.textReason'), width: L.width - 200 },
      ],
      r.addenda.map((a) => [time(a.atMs), a.username, t('report.addendumText', { text: a.text ?? t('report.withheld'), reason: a.reason ?? t('report.withheld') })]),
    );
  }
}

function signer(s: { username: string; displayName: string | null }): string {
  return s.displayName === null ? s.username : `${s.displayName} (${s.username})`;
}

function timelineStrip(doc: InstanceType<typeof PDFDocument>, L: Layout, r: SessionReport, w: ReportWords): void {
  if (r.timeline.length === 0) return;
  L.ensure(44);
  const t0 = Math.min(...r.timeline.map((s) => s.firstShotMs));
  const t1 = Math.max(...r.timeline.map((s) => s.lastShotMs));
  const span = Math.max(1, t1 - t0);
  const y = doc.y + 2;
  const x0 = L.left;
  const width = L.width;
  doc.rect(x0, y, width, 12).fill('#eeeeee');
  for (const s of r.timeline) {
    const a = x0 + ((s.firstShotMs - t0) / span) * width;
    const b = x0 + ((s.lastShotMs - t0) / span) * width;
    doc.rect(a, y, Math.max(1.5, b - a), 12).fill(ZONE_COLOURS[s.zone] ?? '#999999');
  }
  doc.font(FONTS.regular).fontSize(6.5).fillColor('#444444');
  doc.text(w.time(t0), x0, y + 14, { width: 150, lineBreak: false });
  doc.text(`${w.time(t1)} (${duration(t1 - t0)})`, x0 + width - 200, y + 14, { width: 200, align: 'right', lineBreak: false });
  // Legend: each name as wide as it is (a language's zone names differ in length), on as many lines
  // as it takes.
  let lx = x0;
  let ly = y + 24;
  for (const zone of ZONES) {
    const name = w.zone(zone);
    const itemWidth = Math.max(64, 9 + doc.widthOfString(name) + 8);
    if (lx > x0 && lx + itemWidth > x0 + width) {
      lx = x0;
      ly += 10;
    }
    doc.rect(lx, ly + 1, 7, 7).fill(ZONE_COLOURS[zone]!);
    doc.fillColor('#333333').text(name, lx + 9, ly, { lineBreak: false });
    lx += itemWidth;
  }
  doc.fillColor('#000000');
  doc.y = ly + 12;
  doc.x = L.left;
}

function footers(doc: InstanceType<typeof PDFDocument>, r: SessionReport, ctx: ReportContext, w: ReportWords): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - 32;
    // Writing below the bottom margin would make pdfkit add a page; lift the margin while we do it.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(FONTS.regular).fontSize(7).fillColor('#777777');
    const footer = w.t('report.footer', { id: r.sessionId, code: r.patient.code, exportId: ctx.exportId, page: i - range.start + 1, pages: range.count });
    doc.text(ctx.training ? `${w.t('report.footerTraining')}  -  ${footer}` : footer, doc.page.margins.left, y, {
      width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** The session's provenance line: how many of its dose records carried the gun's verified MAC. */
export function provenanceLine(totals: { shots: number; authenticated: number }, w: ReportWords): string {
  if (totals.shots === 0) return w.t('report.provenance.none');
  if (totals.authenticated === totals.shots) return w.t('report.provenance.all', { count: w.n(totals.shots) });
  return w.t('report.provenance.some', { authenticated: w.n(totals.authenticated), count: w.n(totals.shots), missing: w.n(totals.shots - totals.authenticated) });
}
