// The patient's sheet: a one-page PDF handed to the patient after the session, in their language:
// what was done (injections, areas, volume) and how to look after the scalp. Everything on it comes
// from the session record; the wording comes from the core's catalogues (core/i18n).
import PDFDocument from 'pdfkit';
import { ZONES, type Zone } from '../../contract/sessions.js';
import { formatVolume } from '../../contract/units.js';
import { FONT_FILES } from '../exports/pdf/fonts.js';
import { printable } from '../exports/pdf/text.js';
import type { CoreIntl } from '../i18n/intl.js';

export interface PatientSheetData {
  sessionId: number;
  /** The patient's name as recorded; null when the record holds none (printed as a dash). */
  patientName: string | null;
  clinicianName: string;
  startedAtMs: number;
  serum: { name: string; lotNumber: string } | null;
  zones: readonly { zone: Zone; shots: number; deliveredNl: number }[];
  totalShots: number;
  totalDeliveredNl: number;
  stationName: string;
  printedAtMs: number;
  training: boolean;
}

/** The aftercare lines, in the order printed (catalogue keys sheet.aftercare.<line>). */
export const AFTERCARE = ['noWash', 'noSweat', 'noProducts', 'noSun', 'pain', 'expected', 'call'] as const;

export async function patientSheetPdf(d: PatientSheetData, i: CoreIntl): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 40, left: 56, right: 56 },
    lang: i.locale,
    info: { Title: i.t('sheet.title'), Creator: 'Treatment-room station', CreationDate: new Date(d.printedAtMs) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('body', FONT_FILES.regular);
  doc.registerFont('bold', FONT_FILES.bold);
  const volume = (nl: number) => formatVolume(nl, { locale: i.locale });
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;

  if (d.training) doc.font('bold').fontSize(12).fillColor('#a00000').text(i.t('sheet.training')).moveDown(0.5);
  doc.font('bold').fontSize(20).fillColor('#111111').text(i.t('sheet.title'));
  doc.moveDown(0.6).font('body').fontSize(11);
  doc.text(i.t('sheet.patient', { name: printable(d.patientName, 120) }));
  doc.text(i.t('sheet.date', { date: i.dateTime(d.startedAtMs) }));
  doc.text(i.t('sheet.clinician', { name: printable(d.clinicianName, 120) }));
  if (d.serum) doc.text(i.t('sheet.serum', { name: printable(d.serum.name, 120), lot: printable(d.serum.lotNumber, 60) }));

  doc.moveDown(1).font('bold').fontSize(14).text(i.t('sheet.summary.heading'));
  doc.moveDown(0.3).font('body').fontSize(11);
  const treated = ZONES.map((z) => d.zones.find((x) => x.zone === z)).filter((z): z is NonNullable<typeof z> => z !== undefined && z.shots > 0);
  if (d.totalShots === 0) doc.text(i.t('sheet.summary.none'));
  else {
    doc.text(i.t('sheet.summary.body', { count: d.totalShots, zones: treated.length, volume: volume(d.totalDeliveredNl) }));
    doc.moveDown(0.6).font('bold').fontSize(12).text(i.t('sheet.zones.heading'));
    doc.moveDown(0.2).font('body').fontSize(11);
    for (const z of treated) {
      const y = doc.y;
      doc.text(i.t(`zone.${z.zone}`), doc.page.margins.left, y, { width: width * 0.55 });
      const after = doc.y;
      doc.text(i.t('sheet.zones.row', { count: z.shots, volume: volume(z.deliveredNl) }), doc.page.margins.left + width * 0.55, y, { width: width * 0.45, align: 'right' });
      doc.y = Math.max(after, doc.y);
      doc.x = doc.page.margins.left;
    }
  }

  doc.moveDown(1).font('bold').fontSize(14).text(i.t('sheet.aftercare.heading'), doc.page.margins.left);
  doc.moveDown(0.3).font('body').fontSize(11);
  doc.list(
    AFTERCARE.map((key) => i.t(`sheet.aftercare.${key}`)),
    { width, bulletRadius: 2, textIndent: 14, paragraphGap: 4 },
  );

  doc
    .font('body')
    .fontSize(8)
    .fillColor('#555555')
    .text(i.t('sheet.footer', { date: i.dateTime(d.printedAtMs), id: d.sessionId, station: printable(d.stationName, 80) }), doc.page.margins.left, doc.page.height - doc.page.margins.bottom - 12, {
      width,
      lineBreak: false,
    });
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
