// CSV built row by row in JavaScript, for the outputs whose rows need more than SQL (the session and
// zone summaries read the workflow context). Same cell rules as everything else (cell.ts).
import type { AtomicFile } from '../files/atomicFile.js';
import { BatchedWriter } from '../files/batchedWriter.js';
import { formatCsvRow, UTF8_BOM, type CsvCellKind, type CsvValue } from './cell.js';

export interface JsColumn<T> {
  header: string;
  kind: CsvCellKind;
  value(row: T): CsvValue;
}

export class CsvRowWriter<T> {
  private readonly writer: BatchedWriter;
  private readonly kinds: CsvCellKind[];
  rows = 0;

  constructor(
    readonly file: AtomicFile,
    private readonly columns: readonly JsColumn<T>[],
    bom: boolean,
  ) {
    this.writer = new BatchedWriter(file);
    this.kinds = columns.map((c) => c.kind);
    this.writer.push((bom ? UTF8_BOM : '') + formatCsvRow(columns.map((c) => c.header), columns.map(() => 'text')));
  }

  /** Resolves at once unless this row filled a batch, then when the batch is on disk. */
  async write(row: T): Promise<void> {
    this.rows++;
    const p = this.writer.push(formatCsvRow(this.columns.map((c) => c.value(row)), this.kinds));
    if (p) await p;
  }

  async end(): Promise<void> {
    await this.writer.flush();
  }
}
