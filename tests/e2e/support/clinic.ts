// A browser host whose (training) station holds a synthetic clinic: the host starts once to make its
// data folder, keys and first admin, stops, the generator writes the clinic into its encrypted
// database through the station's own keys, and the host starts again on it. For the quality
// dashboard's e2e test and its benchmark.
import { join } from 'node:path';
import { systemClock } from '../../../electron/core/clock.js';
import { openKeyVault } from '../../../electron/core/keys/fileVault.js';
import { sealerFromEnvironment } from '../../../electron/core/keys/sealers.js';
import { memorySettings } from '../../../electron/core/settings/store.js';
import { openStationData } from '../../../electron/core/startup/openStationData.js';
import { generateClinic, type ClinicOptions, type ClinicSummary } from '../../support/syntheticClinic.js';
import { openSocket, startHost, type Host } from './host.js';
import { ADMIN } from './ui.js';

/** Makes a training station in `dataDir` (a new temporary one when absent) holding the clinic; the host is stopped after. */
export async function seedClinic(opts: ClinicOptions, dataDir?: string): Promise<{ dataDir: string; clinic: ClinicSummary }> {
  const host = await startHost(dataDir ? { dataDir } : {});
  try {
    const api = await openSocket(host);
    try {
      await api.call('setup.createAdmin', ADMIN);
    } finally {
      api.close();
    }
  } finally {
    await host.stop();
  }
  const stationDir = join(host.dataDir, 'training');
  const keys = openKeyVault({ dir: host.keyDir, sealer: sealerFromEnvironment() }).forDataDir(stationDir);
  const { db } = openStationData({ dataDir: stationDir, keys, settings: memorySettings(), clock: systemClock, policy: { create: false } });
  try {
    const clinic = generateClinic(db, opts);
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { dataDir: host.dataDir, clinic };
  } finally {
    db.close();
  }
}

/** A running host on a station seeded with the clinic. */
export async function hostWithClinic(opts: ClinicOptions): Promise<{ host: Host; clinic: ClinicSummary }> {
  const { dataDir, clinic } = await seedClinic(opts);
  return { host: await startHost({ dataDir }), clinic };
}
