// Reading exports back with tools nobody here wrote, for the export integration tests.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

export type Cell = string | null;

/** csv-parse, telling an absent value (empty, unquoted) from an empty text (""). */
export function readCsv(file: string): Record<string, Cell>[] {
  return parse(readFileSync(file), {
    bom: true,
    columns: true,
    cast: (value, ctx) => (ctx.quoting ? value : value === '' ? null : value),
  }) as Record<string, Cell>[];
}

export function hasTool(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
