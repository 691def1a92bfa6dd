// Streams the shot-level CSV (query/shots.ts) with flat memory and close to the speed of the sqlite3
// command-line tool:
//  - each shot row leaves SQLite as ONE string, a JSON array built by json_array() in SQLite's C code
//    (crossing from the native binding into JavaScript costs per value; JSON keeps SQL's types, so
//    the cell rules of cell.ts apply exactly);
//  - cells that are the same for a whole session (status, start, patient) are read and formatted once
//    per session, walking the sessions in the same order as the shots; user and serum names once per
//    export;
//  - lines are encoded straight into a reusable buffer and written about a megabyte at a time, each
//    write awaited (the disk sets the pace), with a cancel check and a progress report per batch.
import type { Db } from '../../storage/db.js';
import type { AtomicFile } from '../files/atomicFile.js';
import { BatchedWriter } from '../files/batchedWriter.js';
import type { ProgressTracker } from '../progress.js';
import { DOSE_CELL_SQL, sessionCellColumns, shotColumns, shotPlan } from '../query/shots.js';
import type { SessionFilter } from '../../../contract/sessionFilter.js';
import { CSV_EOL, compileRowFormatter, formatCsvRow, formatNumberCell, textCell, UTF8_BOM } from './cell.js';

const text = (v: unknown): string => (v === null || v === undefined ? '' : textCell(String(v)));
const num = (v: unknown): string => (v === null || v === undefined ? '' : typeof v === 'number' || typeof v === 'bigint' ? formatNumberCell(v) : textCell(String(v)));

export async function streamShotsCsv(db: Db, file: AtomicFile, filters: SessionFilter, pseudonymise: boolean, tracker: ProgressTracker, bom: boolean): Promise<number> {
  const writer = new BatchedWriter(file);
  const headers = shotColumns(pseudonymise).map((c) => c.header);
  writer.push((bom ? UTF8_BOM : '') + formatCsvRow(headers, headers.map(() => 'text')));

  const plan = shotPlan(filters, pseudonymise);
  const sessionCols = sessionCellColumns(pseudonymise);
  const formatSession = compileRowFormatter(sessionCols.map((c) => c.kind));
  // Cells of a shot with no session: as many empty fields as there are session columns.
  const noSession = ','.repeat(sessionCols.length - 1);
  const users = new Map((db.prepare('SELECT id, username FROM users').raw().all() as [number, string][]).map(([id, name]) => [id, text(name)]));
  const serums = new Map(
    (db.prepare('SELECT id, name, version FROM serum_versions').raw().all() as [number, string, number][]).map(([id, name, version]) => [id, `${text(name)},${num(version)}`]),
  );
  const sessions = db.prepare(`SELECT ${plan.sessions.select} ${plan.sessions.body}`).raw().iterate(plan.sessions.params);
  let sessionId: number | null = null;
  let sessionCells = noSession;

  let rows = 0;
  let pending = 0;
  let lastBytes = 0;
  const select = `json_array(${DOSE_CELL_SQL.join(', ')})`;
  try {
    for (const q of plan.doses) {
      for (const raw of db.prepare(`SELECT ${select} ${q.body}`).raw().iterate(q.params)) {
        const r = JSON.parse((raw as [string])[0]) as unknown[];
        const sid = r[1] as number | null;
        if (sid === null) {
          sessionCells = noSession;
          sessionId = null;
        } else if (sid !== sessionId) {
          // Both walks are in the same order; sessions with no shots are passed over.
          for (;;) {
            const next = sessions.next();
            if (next.done) throw new Error(`shot ${String(r[0])} belongs to session ${sid}, which is not among the chosen sessions`);
            const cells = JSON.parse((next.value as [string])[0]) as unknown[];
            if (cells[0] === sid) {
              const line = formatSession(cells);
              sessionCells = line.slice(0, line.length - CSV_EOL.length);
              sessionId = sid;
              break;
            }
          }
        }
        const user = r[2] === null ? '' : (users.get(r[2] as number) ?? '');
        const serum = r[6] === null ? ',' : (serums.get(r[6] as number) ?? ',');
        const line =
          `${num(r[0])},${sessionCells},${num(r[2])},${user},${text(r[3])},${text(r[4])},${num(r[5])},${num(r[6])},${serum},${text(r[7])},` +
          `${num(r[8])},${num(r[9])},${num(r[10])},${num(r[11])},${num(r[12])},${num(r[13])},${text(r[14])},${text(r[15])},${text(r[16])},${text(r[17])},` +
          `${text(r[18])},${text(r[19])},${text(r[20])}${CSV_EOL}`;
        rows++;
        pending++;
        const flushing = writer.push(line);
        if (flushing) {
          await flushing;
          tracker.checkCancelled();
          tracker.addRows(pending, file.bytesWritten - lastBytes);
          lastBytes = file.bytesWritten;
          pending = 0;
        }
      }
    }
  } finally {
    sessions.return?.();
  }
  await writer.flush();
  tracker.addRows(pending, file.bytesWritten - lastBytes);
  return rows;
}
