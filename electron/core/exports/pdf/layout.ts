// A few layout primitives over pdfkit: section headings, key/value blocks and simple tables that
// break across pages (repeating the header row). Kept apart from the report's content.
import type PDFDocument from 'pdfkit';
import { DEFAULT_MAX_CHARS, printable, type CutNote } from './text.js';

type Doc = InstanceType<typeof PDFDocument>;

export interface Fonts {
  regular: string;
  bold: string;
}

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right' | 'center';
}

/** Space kept free at the bottom of every page for the footer. */
const FOOTER_SPACE = 28;

export class Layout {
  constructor(
    readonly doc: Doc,
    readonly fonts: Fonts,
    /** How cut text says so, in the report's language. */
    private readonly cutNote?: CutNote,
  ) {}

  /** Untrusted text as printed (text.ts), with the cut note in the report's language. */
  private printable(text: string | null): string {
    return printable(text, DEFAULT_MAX_CHARS, this.cutNote);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom - FOOTER_SPACE;
  }

  /** Starts a new page when fewer than `height` points are left. */
  ensure(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  heading(text: string): void {
    this.ensure(40);
    this.doc.moveDown(0.6);
    const y = this.doc.y;
    this.doc.font(this.fonts.bold).fontSize(11).fillColor('#1e3a5f').text(text, this.left, y, { width: this.width });
    this.doc
      .moveTo(this.left, this.doc.y + 1)
      .lineTo(this.left + this.width, this.doc.y + 1)
      .lineWidth(0.5)
      .strokeColor('#9fb3c8')
      .stroke();
    this.doc.moveDown(0.3);
    this.doc.fillColor('#000000');
  }

  /** Label/value pairs in two columns of pairs; values are untrusted text and go through printable(). */
  keyValues(pairs: readonly [string, string | null][], labelWidth = 110): void {
    const doc = this.doc;
    for (const [label, value] of pairs) {
      const text = this.printable(value);
      // A label may wrap too (a longer language's words): the row is as tall as the taller of the two.
      const labelHeight = doc.font(this.fonts.bold).fontSize(8.5).heightOfString(label, { width: labelWidth - 6 });
      doc.font(this.fonts.regular).fontSize(9);
      const h = Math.max(doc.heightOfString(text, { width: this.width - labelWidth }), labelHeight, 11);
      this.ensure(h + 2);
      const y = doc.y;
      doc.font(this.fonts.bold).fontSize(8.5).fillColor('#333333').text(label, this.left, y, { width: labelWidth - 6 });
      doc.font(this.fonts.regular).fontSize(9).fillColor('#000000').text(text, this.left + labelWidth, y, { width: this.width - labelWidth });
      doc.y = Math.max(doc.y, y + h) + 2;
    }
  }

  table(columns: readonly Column[], rows: readonly (readonly (string | null)[])[], opts: { x?: number; fontSize?: number; emptyText?: string } = {}): void {
    const doc = this.doc;
    const x0 = opts.x ?? this.left;
    const size = opts.fontSize ?? 8;
    const pad = 3;
    // pdfkit loops forever laying out text in a column with no room; fail loudly instead.
    for (const c of columns) if (c.width <= 2 * pad + 4) throw new Error(`table column ${c.header} is too narrow (${c.width} pt)`);
    const drawHeader = () => {
      const y = doc.y;
      // A header may wrap (a longer language's words in a narrow column): the band grows to hold it.
      doc.font(this.fonts.bold).fontSize(size);
      const h = Math.max(size + 2, ...columns.map((c) => doc.heightOfString(c.header, { width: c.width - 2 * pad }))) + 2 * pad;
      doc.rect(x0, y, columns.reduce((s, c) => s + c.width, 0), h).fill('#e8eef5');
      let x = x0;
      doc.font(this.fonts.bold).fontSize(size).fillColor('#1e3a5f');
      for (const c of columns) {
        doc.text(c.header, x + pad, y + pad, { width: c.width - 2 * pad, align: c.align ?? 'left' });
        x += c.width;
      }
      doc.y = y + h;
      doc.fillColor('#000000');
    };
    this.ensure(size * 3 + 12);
    drawHeader();
    if (rows.length === 0) {
      doc.font(this.fonts.regular).fontSize(size).fillColor('#666666').text(opts.emptyText ?? 'None.', x0 + pad, doc.y + pad);
      doc.fillColor('#000000');
      doc.moveDown(0.3);
      return;
    }
    rows.forEach((row, ri) => {
      doc.font(this.fonts.regular).fontSize(size);
      const cells = columns.map((_, i) => this.printable(row[i] ?? null));
      const h = Math.max(...cells.map((t, i) => doc.heightOfString(t, { width: columns[i]!.width - 2 * pad }))) + 2 * pad;
      if (doc.y + h > this.bottom) {
        doc.addPage();
        drawHeader();
      }
      const y = doc.y;
      if (ri % 2 === 1) doc.rect(x0, y, columns.reduce((s, c) => s + c.width, 0), h).fill('#f6f8fb');
      doc.fillColor('#000000').font(this.fonts.regular).fontSize(size);
      let x = x0;
      cells.forEach((t, i) => {
        doc.text(t, x + pad, y + pad, { width: columns[i]!.width - 2 * pad, align: columns[i]!.align ?? 'left' });
        x += columns[i]!.width;
      });
      doc.y = y + h;
    });
    doc.x = this.left;
    doc.moveDown(0.3);
  }
}
