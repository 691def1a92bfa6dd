// The shot columns, once. Each column of the shot-level CSV and each field of a dose in the JSON is one
// row of SHOT_COLUMNS: its CSV header, its JSON key, the kind of value it holds and where the value
// comes from. Everything else is derived from this table:
//  - the plain query of the shot CSV (shots.ts shotColumnsSql/shotQueries, the benchmark's baseline);
//  - the fast CSV writer (csv/shotsStream.ts), which reads the same cells in fewer round trips;
//  - the dose rows the JSON and the PDF read (sessionReader.ts DOSE_SELECT, the DoseRow type) and a
//    dose's JSON object (json/document.ts doseJson);
//  - the round-trip tests, which read every column back by its kind.
// A new column is one line here (a dose column also needs its JSON Schema entry, which a test checks).
import type { CsvCellKind } from '../csv/cell.js';

/**
 * What a column holds. The kind decides the CSV cell (number or text), the JSON value, and how a
 * reader turns either back into the stored value.
 */
export const COLUMN_KINDS = {
  /** A row's id (ledger row, session, user, serum version) or the gun's own record id. */
  id: { csv: 'number', stored: 'integer' },
  /** A plain whole number (a library version). */
  integer: { csv: 'number', stored: 'integer' },
  /** A volume in nanolitres (1 µL = 1000 nL), whole. */
  nl: { csv: 'number', stored: 'integer' },
  /** A depth in micrometres, whole. */
  um: { csv: 'number', stored: 'integer' },
  /** A share of the dose, 0 to 100 %, whole. */
  pct: { csv: 'number', stored: 'integer' },
  /** An instant, stored as ms since 1970 UTC; written ISO 8601 in UTC ("...T13:00:00.123Z"). */
  time: { csv: 'text', stored: 'integer' },
  /** Stored 0/1; CSV yes/no, JSON true/false. */
  boolean: { csv: 'text', stored: 'integer' },
  text: { csv: 'text', stored: 'text' },
} as const satisfies Record<string, { csv: CsvCellKind; stored: 'integer' | 'text' }>;
export type ColumnKind = keyof typeof COLUMN_KINDS;

/** Tables looked up by an id the dose row carries: read once per export by the fast writer. */
export const LOOKUPS = {
  user: { table: 'users', alias: 'u', key: 'clinician_user_id' },
  serum: { table: 'serum_versions', alias: 'sv', key: 'serum_version_id' },
} as const;
export type LookupName = keyof typeof LOOKUPS;

/**
 * Where a value comes from:
 *  - dose: a column of dose_records (alias d), named as the table names it;
 *  - session: an expression over the shot's session (clinical_sessions s, patients p, and the
 *    export's patient codes pc), the same for all of a session's shots;
 *  - lookup: a column of a LOOKUPS table, found by the id in the dose row.
 */
export type ColumnSource =
  | { from: 'dose'; column: string; nullable: boolean }
  | { from: 'session'; sql: string }
  | { from: 'lookup'; lookup: LookupName; column: string };

export interface ShotColumn {
  /** The CSV header; null: the column is not in the CSV (JSON only). */
  header: string | null;
  /** The key in a dose's JSON object; null: not in the JSON (its facts sit on the session there). */
  json: string | null;
  kind: ColumnKind;
  source: ColumnSource;
  /** Names the patient: left out (not emptied) of a pseudonymised export. */
  identifying?: true;
}

const dose = <C extends string, K extends ColumnKind>(header: string | null, column: C, kind: K, json: string) =>
  ({ header, json, kind, source: { from: 'dose', column, nullable: false } }) as const;
/** A dose column that may hold NULL (an unattributed dose has no zone, clinician, serum or lot). */
const nullableDose = <C extends string, K extends ColumnKind>(header: string, column: C, kind: K, json: string) =>
  ({ header, json, kind, source: { from: 'dose', column, nullable: true } }) as const;
const session = (header: string, sql: string, kind: ColumnKind, identifying?: true): ShotColumn => ({ header, json: null, kind, source: { from: 'session', sql }, ...(identifying ? { identifying } : {}) });
const lookup = (header: string, name: LookupName, column: string, kind: ColumnKind): ShotColumn => ({ header, json: null, kind, source: { from: 'lookup', lookup: name, column } });

/** Every dose column, in file order (they interleave with the session and lookup columns below). */
const DOSE = {
  id: dose('ledger_row_id', 'id', 'id', 'ledgerRowId'),
  clinician: nullableDose('clinician_user_id', 'clinician_user_id', 'id', 'clinicianUserId'),
  zone: nullableDose('zone', 'zone', 'text', 'zone'),
  gun: dose('gun_serial', 'gun_serial', 'text', 'gunSerial'),
  record: dose('gun_record_id', 'record_id', 'id', 'gunRecordId'),
  serumVersion: nullableDose('serum_version_id', 'serum_version_id', 'id', 'serumVersionId'),
  lot: nullableDose('lot_number', 'lot_number', 'text', 'lotNumber'),
  commanded: dose('commanded_nl', 'commanded_nl', 'nl', 'commandedNl'),
  delivered: dose('delivered_nl', 'delivered_nl', 'nl', 'deliveredNl'),
  depth: dose('depth_um', 'depth_um', 'um', 'depthUm'),
  entry: dose('entry_pct', 'entry_pct', 'pct', 'entryPct'),
  dwell: dose('dwell_pct', 'dwell_pct', 'pct', 'dwellPct'),
  exit: dose('exit_pct', 'exit_pct', 'pct', 'exitPct'),
  mode: dose('mode', 'mode', 'text', 'mode'),
  gunStarted: dose('gun_started_at', 'gun_started_at_ms', 'time', 'gunStartedAt'),
  gunEnded: dose('gun_ended_at', 'gun_ended_at_ms', 'time', 'gunEndedAt'),
  received: dose('received_at', 'received_at_ms', 'time', 'receivedAt'),
  // The station's commit time is in the JSON only: the CSV has kept its columns since before it.
  committed: dose(null, 'committed_at_ms', 'time', 'committedAt'),
  fault: nullableDose('fault', 'fault', 'text', 'fault'),
  unattributed: nullableDose('unattributed_reason', 'unattributed_reason', 'text', 'unattributedReason'),
  // Gun protocol v3: the record carried the gun's MAC and it verified on arrival. Added last.
  authenticated: dose('authenticated', 'authenticated', 'boolean', 'authenticated'),
} as const;

export const SHOT_COLUMNS: readonly ShotColumn[] = [
  DOSE.id,
  session('session_id', 's.id', 'id'),
  session('session_status', 's.status', 'text'),
  session('session_started_at', 's.started_at', 'time'),
  session('patient_code', 'pc.code', 'text'),
  session('patient_name', 'p.full_name', 'text', true),
  session('patient_birth_date', 'p.birth_date', 'text', true),
  session('patient_clinic_id', 'p.clinic_id', 'text', true),
  DOSE.clinician,
  lookup('clinician_username', 'user', 'username', 'text'),
  DOSE.zone,
  DOSE.gun,
  DOSE.record,
  DOSE.serumVersion,
  lookup('serum_name', 'serum', 'name', 'text'),
  lookup('serum_library_version', 'serum', 'version', 'integer'),
  DOSE.lot,
  DOSE.commanded,
  DOSE.delivered,
  DOSE.depth,
  DOSE.entry,
  DOSE.dwell,
  DOSE.exit,
  DOSE.mode,
  DOSE.gunStarted,
  DOSE.gunEnded,
  DOSE.received,
  DOSE.committed,
  DOSE.fault,
  DOSE.unattributed,
  DOSE.authenticated,
];

type DoseColumn = (typeof DOSE)[keyof typeof DOSE];
type StoredOf<K extends ColumnKind> = (typeof COLUMN_KINDS)[K]['stored'] extends 'text' ? string : number;

/** A dose record as the exports read it: one field per dose column, named as dose_records names it. */
export type DoseRow = {
  [C in DoseColumn as C['source']['column']]: C['source']['nullable'] extends true ? StoredOf<C['kind']> | null : StoredOf<C['kind']>;
};

/** The CSV's columns, in file order (identifying ones left out when pseudonymised). */
export function shotCsvColumns(pseudonymise: boolean): ShotColumn[] {
  return SHOT_COLUMNS.filter((c) => c.header !== null && !(pseudonymise && c.identifying));
}

/** The dose columns, in table order: the fields of a DoseRow and of a dose's JSON object. */
export const DOSE_COLUMNS: readonly (ShotColumn & { source: { from: 'dose' } })[] = SHOT_COLUMNS.filter(
  (c): c is ShotColumn & { source: { from: 'dose'; column: string; nullable: boolean } } => c.source.from === 'dose',
);

/** The SQL expression of a column's stored value. */
export function storedSql(c: ShotColumn): string {
  const s = c.source;
  return s.from === 'dose' ? `d.${s.column}` : s.from === 'session' ? s.sql : `${LOOKUPS[s.lookup].alias}.${s.column}`;
}

export const isoSql = (ms: string) => `strftime('%Y-%m-%dT%H:%M:%fZ', ${ms} / 1000.0, 'unixepoch')`;

/** The SQL expression of a column's CSV value: times as ISO 8601 text, booleans as yes/no. */
export function csvSql(c: ShotColumn): string {
  const sql = storedSql(c);
  if (c.kind === 'time') return isoSql(sql);
  if (c.kind === 'boolean') return `CASE ${sql} WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END`;
  return sql;
}

export function csvKind(c: ShotColumn): CsvCellKind {
  return COLUMN_KINDS[c.kind].csv;
}

/** LEFT JOINs for the lookups, as the plain query makes them (the fast writer reads them once instead). */
export const LOOKUP_JOINS = Object.values(LOOKUPS)
  .map((l) => `LEFT JOIN ${l.table} ${l.alias} ON ${l.alias}.id = d.${l.key}`)
  .join(' ');

/** LEFT JOINs behind the session columns (the patient, and the export's patient codes). */
export const SESSION_JOINS = 'LEFT JOIN temp.export_patient_codes pc ON pc.patient_id = s.patient_id LEFT JOIN patients p ON p.id = s.patient_id';

/** A stored value as a dose's JSON object holds it. */
export function jsonValue(kind: ColumnKind, v: string | number | null): string | number | boolean | null {
  if (v === null) return null;
  if (kind === 'time') return new Date(v as number).toISOString();
  if (kind === 'boolean') return v === 1;
  return v;
}
