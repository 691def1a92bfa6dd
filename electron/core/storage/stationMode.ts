// The database's station mode (migration 20): clinical or training, set when the station first opens
// it. Training mode runs the simulated gun on its own data folder and database; the two never mix.
import type { StationMode } from '../../contract/station.js';
import { refused } from '../errors.js';
import type { Db } from './db.js';

/** The mode written in the database; null for one no station has claimed yet. */
export function stationModeOf(db: Db): StationMode | null {
  const r = db.prepare('SELECT mode FROM station_mode WHERE id = 1').get() as { mode: StationMode } | undefined;
  return r?.mode ?? null;
}

/**
 * Claims the database for `mode`, or checks the claim already made. A database of the other mode is
 * refused: a training station must never write into clinical records, nor the other way round.
 */
export function claimStationMode(db: Db, mode: StationMode, at: string): void {
  const found = stationModeOf(db);
  if (found === null) {
    db.prepare('INSERT INTO station_mode (id, mode, set_at) VALUES (1, ?, ?)').run(mode, at);
    return;
  }
  if (found !== mode)
    throw refused(
      'conflict',
      { code: 'station.mode-mismatch', params: { found, wanted: mode } },
      `this data folder holds a ${found} database; the station was started in ${mode} mode (training keeps its own folder: ${mode === 'training' ? 'training/' : 'the parent folder'})`,
    );
}
