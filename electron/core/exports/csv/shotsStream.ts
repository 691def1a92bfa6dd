// Streams the shot-level CSV (query/shots.ts; its columns are query/shotColumns.ts) with flat memory
// and close to the speed of the sqlite3 command-line tool:
//  - each shot row leaves SQLite as ONE string, a JSON array built by json_array() in SQLite's C code
//    (crossing from the native binding into JavaScript costs per value; JSON keeps SQL's types, so
//    the cell rules of cell.ts apply exactly);
//  - cells that are the same for a whole session (status, start, patient) are read and formatted once
//    per session, walking the sessions in the same order as the shots; looked-up names (user, serum)
//    once per export;
//  - lines are encoded straight into a reusable buffer and written about a megabyte at a time, each
//    write awaited (the disk sets the pace), with a cancel check and a progress report per batch.
// A test holds the result to the plain query (shotSelect + shotQueries) byte for byte.
import type { SessionFilter } from '../../../contract/sessionFilter.js';
import type { Db } from '../../storage/db.js';
import type { AtomicFile } from '../files/atomicFile.js';
import { BatchedWriter } from '../files/batchedWriter.js';
import type { ProgressTracker } from '../progress.js';
import { csvKind, csvSql, LOOKUPS, type LookupName, type ShotColumn } from '../query/shotColumns.js';
import { shotPlan } from '../query/shots.js';
import { CSV_EOL, formatCsvCell, formatCsvRow, formatNumberCell, textCell, UTF8_BOM, type CsvValue } from './cell.js';

const text = (v: unknown): string => textCell(String(v));
const num = (v: unknown): string => (typeof v === 'number' || typeof v === 'bigint' ? formatNumberCell(v) : textCell(String(v)));

// Where each cell of a line comes from.
const FROM_DOSE = 0;
const FROM_SESSION = 1;
const FROM_LOOKUP = 2;

/** Per lookup table: its cells (formatted) by id, and the empty cells of a missing or absent id. */
interface LookupCells {
  /** Index in the dose array of the id to look up by. */
  keyAt: number;
  byId: Map<number, string[]>;
  empty: string[];
}

/**
 * Compiles the line layout: for each CSV column, where its cell comes from and at which index (in
 * the dose array, the session's cells, or its lookup's cells). Dose index 0 is the session id.
 */
function layout(columns: readonly ShotColumn[]) {
  const n = columns.length;
  const from = new Uint8Array(n);
  const at = new Uint16Array(n);
  const isNumber = new Uint8Array(n);
  const lookupOf = new Uint8Array(n);
  const lookupNames: LookupName[] = [];
  const doseAt = new Map<string, number>();
  let doses = 1;
  let sessions = 0;
  const perLookup = new Map<LookupName, ShotColumn[]>();
  columns.forEach((c, i) => {
    isNumber[i] = csvKind(c) === 'number' ? 1 : 0;
    const s = c.source;
    if (s.from === 'dose') {
      from[i] = FROM_DOSE;
      doseAt.set(s.column, doses);
      at[i] = doses++;
    } else if (s.from === 'session') {
      from[i] = FROM_SESSION;
      at[i] = sessions++;
    } else {
      from[i] = FROM_LOOKUP;
      if (!perLookup.has(s.lookup)) {
        perLookup.set(s.lookup, []);
        lookupNames.push(s.lookup);
      }
      lookupOf[i] = lookupNames.indexOf(s.lookup);
      at[i] = perLookup.get(s.lookup)!.push(c) - 1;
    }
  });
  return { n, from, at, isNumber, lookupOf, lookupNames, perLookup, doseAt, sessions };
}

/** Formats each value as its column's CSV cell (cell.ts rules). */
function cellsOf(values: readonly unknown[], columns: readonly ShotColumn[]): string[] {
  return columns.map((c, i) => formatCsvCell((values[i] ?? null) as CsvValue, csvKind(c)));
}

function readLookup(db: Db, name: LookupName, columns: readonly ShotColumn[], doseAt: Map<string, number>): LookupCells {
  const l = LOOKUPS[name];
  const keyAt = doseAt.get(l.key);
  // The id is a CSV column itself; without it in the file the names could not be joined either.
  if (keyAt === undefined) throw new Error(`the shot CSV looks up ${l.table} by ${l.key}, which is not among its dose columns`);
  const byId = new Map<number, string[]>();
  for (const raw of db.prepare(`SELECT ${l.alias}.id, json_array(${columns.map(csvSql).join(', ')}) FROM ${l.table} ${l.alias}`).raw().iterate()) {
    const [id, cells] = raw as [number, string];
    byId.set(id, cellsOf(JSON.parse(cells) as unknown[], columns));
  }
  return { keyAt, byId, empty: columns.map(() => '') };
}

export async function streamShotsCsv(db: Db, file: AtomicFile, filters: SessionFilter, pseudonymise: boolean, tracker: ProgressTracker, bom: boolean): Promise<number> {
  const plan = shotPlan(filters, pseudonymise);
  const writer = new BatchedWriter(file);
  const headers = plan.columns.map((c) => c.header!);
  writer.push((bom ? UTF8_BOM : '') + formatCsvRow(headers, headers.map(() => 'text')));

  const L = layout(plan.columns);
  const lookups = L.lookupNames.map((name) => readLookup(db, name, L.perLookup.get(name)!, L.doseAt));
  const lookupCells: string[][] = lookups.map((l) => l.empty);
  const sessionColumns = plan.columns.filter((c) => c.source.from === 'session');
  // A shot with no session: its session cells are empty.
  const noSession = sessionColumns.map(() => '');
  const sessions = db.prepare(`SELECT ${plan.sessions.select} ${plan.sessions.body}`).raw().iterate(plan.sessions.params);
  let sessionId: number | null = null;
  let sessionCells = noSession;

  let rows = 0;
  let pending = 0;
  let lastBytes = 0;
  try {
    for (const q of plan.doses) {
      for (const raw of db.prepare(`SELECT ${plan.doseSelect} ${q.body}`).raw().iterate(q.params)) {
        const r = JSON.parse((raw as [string])[0]) as unknown[];
        const sid = r[0] as number | null;
        if (sid === null) {
          sessionCells = noSession;
          sessionId = null;
        } else if (sid !== sessionId) {
          // Both walks are in the same order; sessions with no shots are passed over.
          for (;;) {
            const next = sessions.next();
            if (next.done) throw new Error(`a shot belongs to session ${sid}, which is not among the chosen sessions`);
            const cells = JSON.parse((next.value as [string])[0]) as unknown[];
            if (cells[0] === sid) {
              sessionCells = cellsOf(cells.slice(1), sessionColumns);
              sessionId = sid;
              break;
            }
          }
        }
        for (let j = 0; j < lookups.length; j++) {
          const l = lookups[j]!;
          const key = r[l.keyAt];
          lookupCells[j] = key === null ? l.empty : (l.byId.get(key as number) ?? l.empty);
        }
        let line = '';
        for (let i = 0; i < L.n; i++) {
          if (i > 0) line += ',';
          const from = L.from[i];
          if (from === FROM_DOSE) {
            const v = r[L.at[i]!];
            if (v !== null) line += L.isNumber[i] ? num(v) : text(v);
          } else if (from === FROM_SESSION) line += sessionCells[L.at[i]!];
          else line += lookupCells[L.lookupOf[i]!]![L.at[i]!];
        }
        line += CSV_EOL;
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
