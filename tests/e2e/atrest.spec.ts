// Records at rest, after a whole session through the browser host (the same core as Electron):
// no file under the data folder holds the patient's name, clinic id, allergy, screening note,
// closing note or addendum, neither while the station runs (database, WAL, SHM) nor after it stops;
// every folder there is 0700 and every file 0600; the keys are in the key folder beside it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openSocket, startHost, type Host } from './support/host.js';
import { setupSessionInMesotherapy } from './support/session.js';
import { CLINICIAN } from './support/ui.js';

const SECRETS = {
  name: 'Zeynep Quillfeather',
  clinicId: 'QX-77123',
  allergy: 'zz-quillaja-extract',
  screening: 'Screening-note: keloid scarring on the crown',
  closing: 'Closing-note: patient felt faint at 14:10',
  addendum: 'Addendum-note: lot label photographed',
};

let host: Host;
test.afterAll(async () => {
  await host?.stop();
});

function filesUnder(dir: string): { files: string[]; dirs: string[] } {
  const out = { files: [] as string[], dirs: [dir] };
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const sub = filesUnder(p);
      out.files.push(...sub.files);
      out.dirs.push(...sub.dirs);
    } else if (e.isFile()) out.files.push(p);
  }
  return out;
}

/** Like `grep -a -l`: which files hold any of the strings, in UTF-8 or UTF-16. */
function grepAll(dir: string): string[] {
  const hits: string[] = [];
  for (const f of filesUnder(dir).files) {
    const bytes = readFileSync(f);
    for (const [what, text] of Object.entries(SECRETS))
      if (bytes.includes(Buffer.from(text, 'utf8')) || bytes.includes(Buffer.from(text, 'utf16le'))) hits.push(`${f}: ${what}`);
  }
  return hits;
}

test('after a whole session, no file under the data folder holds a name, allergy or note; folders 0700, files 0600', async () => {
  host = await startHost();
  const { sessionId } = await setupSessionInMesotherapy(host, {
    patient: { fullName: SECRETS.name, birthDate: '1979-05-06', clinicId: SECRETS.clinicId, allergies: [SECRETS.allergy] },
    screeningNote: SECRETS.screening,
  });
  const api = await openSocket(host);
  try {
    await api.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
    await api.call('sessions.arm', { sessionId });
    await host.fire(12);
    await expect.poll(async () => (await api.call('sessions.shots', { sessionId })).length, { timeout: 30_000 }).toBe(12);
    await api.call('sessions.disarm', { sessionId });
    await api.call('sessions.closing', { sessionId, oilSerumApplied: true, aftercareGiven: true, notes: SECRETS.closing });
    await api.call('sessions.sign', { sessionId, password: CLINICIAN.password });
    await api.call('sessions.addendum', { sessionId, text: SECRETS.addendum, reason: 'photo taken after signing' });
    // The data is there, and readable through the station.
    const patients = await api.call('patients.list', { query: SECRETS.clinicId });
    expect(patients.items.map((p) => p.fullName)).toEqual([SECRETS.name]);
  } finally {
    api.close();
  }

  // While the station runs: the database, its WAL and SHM, settings, the simulator's journal (in the
  // training folder: the simulator runs only in training mode); nothing anywhere under the data folder.
  const station = filesUnder(host.stationDir);
  expect(station.files.map((f) => f.slice(host.stationDir.length + 1))).toEqual(expect.arrayContaining(['station.db', 'station.db-wal', 'settings.json', 'key-id']));
  const running = filesUnder(host.dataDir);
  expect(grepAll(host.dataDir)).toEqual([]);
  for (const d of running.dirs) expect(`${d} ${(statSync(d).mode & 0o777).toString(8)}`).toBe(`${d} 700`);
  for (const f of running.files) expect(`${f} ${(statSync(f).mode & 0o777).toString(8)}`).toBe(`${f} 600`);

  // After it stops (WAL checkpointed into the file).
  const serial = (await host.sim()).serial;
  await host.stop();
  expect(grepAll(host.dataDir)).toEqual([]);
  // The keys are beside the data folder, owner-only, and not under it.
  const keys = filesUnder(host.keyDir);
  expect(keys.files.map((f) => f.split('/').pop()).sort()).toEqual(['audit-checkpoint.key', 'audit.key', 'database.key', `gun-link.${serial}.key`, 'pseudonym.key'].sort());
  for (const f of keys.files) expect((statSync(f).mode & 0o777).toString(8)).toBe('600');
});
