// The admin's Exports screen against the real core: a CSV export whose manifest lists every file
// with a SHA-256 that matches the file on disk; a PDF export cancelled from the screen leaves no
// complete-looking file behind; a lot recall with no lot is refused by the core, naming the field.
// The screen is checked by axe-core and photographed at 1280x800 and 1920x1080.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { UI_CATALOGUES } from '../../renderer/i18n/I18n.js';
import { openSocket, startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { LOT, PATIENT, resumeAsClinician, setupSessionInMesotherapy, treatZone } from './support/session.js';
import { ADMIN, CLINICIAN, login, logout } from './support/ui.js';

/**
 * Enough sessions that a PDF export (one report each, ~100 ms) runs for about 4 s: the cancel, sent
 * within about a second of the start, always lands while reports are being written.
 */
const PDF_SESSIONS = 40;

interface ManifestFile {
  name: string;
  output: string;
  rows: number;
  bytes: number;
  sha256: string;
}
interface Manifest {
  exportId: string;
  kind: string;
  outputs: string[];
  rowCounts: { sessions: number; shots: number };
  files: ManifestFile[];
  training: boolean;
  warnings: string[];
}

// One host for the file (each test logs in again). A failed test ends its worker, so the next test
// gets a fresh host and set-up: the tests do not depend on each other.
let host: Host;

test.beforeAll(async () => {
  host = await startHost();
  await setupSessionInMesotherapy(host, { zone: 'vertex', minIntervalMs: 150 });
});
test.afterAll(async () => {
  await host?.stop();
});

function exportsDir(): string {
  return join(host.stationDir, 'exports');
}

/**
 * The first test exports on a fresh station, into the station's own export folder, which the station
 * must have made. The later tests are about other things: they only make sure the folder is there, so
 * a failure of the first does not hide what they check.
 */
function ensureExportsDir(): void {
  mkdirSync(exportsDir(), { recursive: true });
}

/** Every name in the export folder, hidden temporary files included. */
function listExports(): string[] {
  return existsSync(exportsDir()) ? readdirSync(exportsDir()).sort() : [];
}

async function openExports(page: Page): Promise<void> {
  await page.goto(host.url);
  await login(page, ADMIN);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Exports' }).click();
  await expect(page.getByRole('heading', { name: 'Exports', level: 1 })).toBeVisible();
}

/** Ticks exactly these outputs. */
async function chooseOutputs(page: Page, names: string[]): Promise<void> {
  for (const o of ['shots_csv', 'zones_csv', 'sessions_csv', 'json', 'pdf', 'recall_csv']) await page.locator(`input[type="checkbox"][name="${o}"]`).setChecked(names.includes(o));
}

/** Waits for the job to end and expects `state`; a failure's message is in the assertion's text. */
async function expectJobEnds(page: Page, state: 'done' | 'cancelled'): Promise<void> {
  const job = page.getByTestId('export-job');
  await expect(job).not.toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  expect(await job.getAttribute('data-state'), await job.innerText()).toBe(state);
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

test('CSV export: the manifest shown exists and lists every file with its SHA-256', async ({ page }) => {
  // A short session with shots, through the UI.
  await resumeAsClinician(page, host);
  await treatZone(page, host, 'vertex', 4);
  await treatZone(page, host, 'frontal', 3);
  const shots = (await host.sim()).records.length;
  expect(shots).toBe(7);
  await logout(page);

  await openExports(page);
  await chooseOutputs(page, ['shots_csv', 'sessions_csv']);
  await page.getByTestId('run-export').click();
  const job = page.getByTestId('export-job');
  await expectJobEnds(page, 'done');
  await expect(job.getByRole('heading', { name: 'Export complete' })).toBeVisible();
  await expect(page.getByTestId('manifest-path')).toBeInViewport();
  await checkScreen(page, 'admin-exports-done');

  const manifestPath = (await page.getByTestId('manifest-path').innerText()).trim();
  expect(manifestPath.startsWith(exportsDir())).toBe(true);
  expect(existsSync(manifestPath)).toBe(true);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  // A training station's export (the simulated gun) says so in its names and its manifest.
  expect(basename(manifestPath)).toBe(`meso-TRAINING-export-${manifest.exportId}.manifest.json`);
  expect(manifest.training).toBe(true);
  expect(manifest.kind).toBe('records');
  expect(manifest.outputs.sort()).toEqual(['sessions_csv', 'shots_csv']);
  expect(manifest.files.map((f) => f.output).sort()).toEqual(['sessions_csv', 'shots_csv']);
  expect(manifest.rowCounts.shots).toBe(shots);
  expect(manifest.rowCounts.sessions).toBe(1);
  for (const f of manifest.files) {
    const file = join(dirname(manifestPath), f.name);
    expect(f.name.startsWith(`meso-TRAINING-export-${manifest.exportId}.`), f.name).toBe(true);
    expect(existsSync(file), file).toBe(true);
    expect(f.sha256, f.name).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256(file), `SHA-256 of ${f.name}`).toBe(f.sha256);
    expect(readFileSync(file).length, `bytes of ${f.name}`).toBe(f.bytes);
  }
  // The shot CSV holds one row per shot the simulated gun logged (header excluded, CRLF lines).
  const shotsFile = manifest.files.find((f) => f.output === 'shots_csv')!;
  const lines = readFileSync(join(dirname(manifestPath), shotsFile.name), 'utf8').split('\r\n').filter((l) => l !== '');
  expect(lines.length - 1).toBe(shots);
  expect(shotsFile.rows).toBe(shots);
  // The screen names the export the files carry; nothing temporary is left behind.
  await expect(job).toContainText(manifest.exportId);
  expect(listExports().filter((n) => n.endsWith('.partial'))).toEqual([]);
});

test('PDF export cancelled from the screen leaves no complete-looking file', async ({ page }) => {
  // Many short sessions (started and aborted over the contract): one PDF report each takes long
  // enough that the cancel always lands while the export is writing.
  const api = await openSocket(host);
  try {
    await api.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
    const active = await api.call('sessions.active', {});
    if (active) await api.call('sessions.abort', { sessionId: active.id, reason: 'e2e: done with this session' });
    const patient = (await api.call('patients.list', { query: PATIENT.clinicId, limit: 5 })).items[0]!;
    const screeningId = (await api.call('patients.get', { id: patient.id })).screening!.id;
    // Same-day sessions are under the serum's minimum days: each needs the reason and an admin's approval.
    const intake = { identityConfirmed: true as const, screeningId, tooEarlyReason: 'e2e: many sessions', underMinimumApproval: { username: ADMIN.username, password: ADMIN.password } };
    for (let i = 0; i < PDF_SESSIONS; i++) {
      const s = await api.call('sessions.start', { patientId: patient.id, intake });
      await api.call('sessions.abort', { sessionId: s.id, reason: 'e2e: export volume' });
    }
    await api.call('auth.logout', {});
  } finally {
    api.close();
  }

  ensureExportsDir();
  await openExports(page);
  await chooseOutputs(page, ['pdf']);
  const before = listExports();
  await page.getByTestId('run-export').click();
  const job = page.getByTestId('export-job');
  await expect(job).toHaveAttribute('data-state', 'running');
  // Mid-write: a hidden temporary file exists in the target folder.
  await expect.poll(() => listExports().filter((n) => !before.includes(n) && n.endsWith('.partial')).length, { timeout: 20_000, intervals: [50] }).toBeGreaterThan(0);
  // The running job is brought into view, and its progress moves (41 reports take ~4 s here).
  const bar = page.getByRole('progressbar', { name: 'Export progress' });
  await expect(bar).toBeInViewport();
  await expect(page.getByTestId('cancel-export')).toBeInViewport();
  await expect(bar).toHaveAttribute('aria-valuetext', /^\d+ %$/, { timeout: 20_000 });
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(100);
  await expect(job).toHaveAttribute('data-state', 'running');
  await checkScreen(page, 'admin-exports-running');
  await page.getByTestId('cancel-export').click();
  await expectJobEnds(page, 'cancelled');
  await expect(job.getByRole('heading', { name: 'Export cancelled' })).toBeVisible();
  await expect(job.getByRole('status')).toContainText('no manifest was written');

  const added = listExports().filter((n) => !before.includes(n));
  expect(added.filter((n) => !n.endsWith('.partial')), 'complete-looking files of the cancelled export').toEqual([]);
  expect(added.filter((n) => n.includes('manifest')), 'manifests of the cancelled export').toEqual([]);
  expect(added, 'temporary files are removed too').toEqual([]);
  await checkScreen(page, 'admin-exports-cancelled');
});

test('Lot recall: the lot is required, and the core says which field', async ({ page }) => {
  await openExports(page);
  await page.getByTestId('lot-recall').click();
  const lot = page.locator('input[name="lot"]');
  await expect(lot).toBeFocused();
  await expect(page.locator('input[name="recall_csv"]')).toBeChecked();
  const runRecall = page.getByRole('button', { name: 'Run the lot recall' });
  await runRecall.click();
  const alert = page.getByRole('alert');
  // The core's reason (export.lot-needed on filters.lotNumber), in the window's words, at the lot field.
  await expect(alert).toContainText(UI_CATALOGUES.en['reason.export.lot-needed']);
  await expect(alert).toBeInViewport();
  await expect(lot).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('export-job')).toHaveCount(0);
  await checkScreen(page, 'admin-exports-recall-no-lot');

  // With the lot, the recall runs and finds the sessions that received it.
  ensureExportsDir();
  await lot.fill(LOT.lotNumber);
  await expect(alert).toBeHidden();
  await runRecall.click();
  await expectJobEnds(page, 'done');
  const manifest = JSON.parse(readFileSync((await page.getByTestId('manifest-path').innerText()).trim(), 'utf8')) as Manifest;
  expect(manifest.kind).toBe('lot_recall');
  expect(manifest.files.map((f) => f.name.split('.').slice(1).join('.')).sort()).toEqual(['recall-patients.csv', 'recall-sessions.csv']);
  expect(manifest.files.find((f) => f.name.endsWith('.recall-patients.csv'))!.rows).toBe(1);
});

test('the screen: axe-core, 44 px targets, nothing overflowing, at 1280x800 and 1920x1080', async ({ page }) => {
  await openExports(page);
  await page.getByTestId('lot-recall').click();
  for (const [w, h] of [
    [1280, 800],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    // The main area scrolls (not the page): the top of the form, then its end with the Run button.
    await page.locator('.content').evaluate((el) => el.scrollTo(0, 0));
    await checkScreen(page, `admin-exports-${w}`);
    await page.getByRole('button', { name: 'Run the lot recall' }).scrollIntoViewIfNeeded();
    await checkScreen(page, `admin-exports-${w}-end`);
    // Every control in the main area is at least 44 px in both directions (checkboxes: their label).
    const small = await page.locator('.content').evaluate((root) => {
      const out: string[] = [];
      for (const el of root.querySelectorAll<HTMLElement>('button, select, input:not([type="checkbox"]), label.check')) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && (r.height < 44 || r.width < 44)) out.push(`${el.tagName} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
      }
      return out;
    });
    expect(small, `small targets at ${w}x${h}`).toEqual([]);
    // Nothing sticks out of its card or the page.
    const overflow = await page.locator('.content').evaluate((root) => {
      const out: string[] = [];
      const rootBox = root.getBoundingClientRect();
      if (root.scrollWidth > root.clientWidth + 1) out.push(`content scrolls sideways (${root.scrollWidth} > ${root.clientWidth})`);
      for (const card of root.querySelectorAll<HTMLElement>('.card')) {
        const c = card.getBoundingClientRect();
        if (c.right > rootBox.right + 1) out.push(`card "${card.querySelector('h2')?.textContent ?? ''}" past the content edge`);
        for (const el of card.querySelectorAll<HTMLElement>('*')) {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && (r.right > c.right + 1 || r.left < c.left - 1)) out.push(`${el.tagName}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}" outside its card`);
        }
      }
      return out;
    });
    expect(overflow, `overflow at ${w}x${h}`).toEqual([]);
  }
});
