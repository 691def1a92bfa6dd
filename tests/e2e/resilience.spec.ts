// The cable and the station process: an unplug mid-mesotherapy blocks the screen with a banner and
// loses no dose; killing the host and starting it again brings the session back where it was.
import { expect, test } from '@playwright/test';
import { startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { lastRecordId, recordsSince, resumeAsClinician, setupSessionInMesotherapy } from './support/session.js';
import { ADMIN, CLINICIAN, login, logout } from './support/ui.js';

let host: Host | null = null;
test.afterEach(async () => {
  await host?.stop();
  host = null;
});

test('unplug for 3 s mid-mesotherapy: blocking banner, reconnect, no dose lost', async ({ page }) => {
  host = await startHost();
  await setupSessionInMesotherapy(host, { zone: 'vertex' });
  await resumeAsClinician(page, host);
  await expect(page.getByTestId('gun-link')).toContainText('Connected');

  const start = await lastRecordId(host);
  await page.getByTestId('arm').click();
  await expect(page.getByTestId('disarm')).toBeVisible();
  await host.fire(8);
  await expect(page.getByTestId('zone-shots')).toHaveText('8', { timeout: 20_000 });
  // Presses queued while the cable goes: whatever the gun recorded must reach the ledger after replug.
  await host.fire(6);
  await host.unplug();
  await expect(page.getByTestId('gun-lost')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('session-shots')).not.toHaveText('0');
  await checkScreen(page, 'session-gun-disconnected');
  await page.waitForTimeout(3000);
  await host.replug();
  await expect(page.getByTestId('gun-lost')).toBeHidden({ timeout: 20_000 });
  await expect(page.getByTestId('gun-link')).toContainText('Connected');

  const made = await recordsSince(host, start);
  await expect(page.getByTestId('session-shots')).toHaveText(String(made.ids.length), { timeout: 20_000 });
  await expect(page.getByTestId('delivered-vertex')).toHaveAttribute('data-nl', String(made.deliveredNl));
  // The gun disarmed itself when the station went silent: the screen says disarmed.
  await expect(page.getByTestId('arm')).toBeVisible();
  // The reconnected gun forgot the profile; the station sent it again by itself, so arming just works.
  await page.getByTestId('arm').click();
  await expect(page.getByTestId('disarm')).toBeVisible();
  await expect(page.getByTestId('profile-resend-failed')).toHaveCount(0);
  await host.fire(2);
  await expect(page.getByTestId('session-shots')).toHaveText(String(made.ids.length + 2), { timeout: 20_000 });
  await page.getByTestId('disarm').click();
  await expect(page.getByTestId('arm')).toBeVisible();
});

test('kill the host mid-mesotherapy and start it again: the session resumes', async ({ page }) => {
  host = await startHost();
  const { sessionId } = await setupSessionInMesotherapy(host, { zone: 'frontal' });
  await resumeAsClinician(page, host);
  const start = await lastRecordId(host);
  await page.getByTestId('arm').click();
  await expect(page.getByTestId('disarm')).toBeVisible();
  await host.fire(10);
  await expect(page.getByTestId('zone-shots')).toHaveText('10', { timeout: 20_000 });

  const dataDir = host.dataDir;
  await host.kill();
  await expect(page.getByRole('alert').filter({ hasText: 'connection to the station was lost' })).toBeVisible();
  await checkScreen(page, 'station-connection-lost');

  host = await startHost({ dataDir });
  await page.goto(host.url);
  await login(page, CLINICIAN);
  await page.getByRole('button', { name: 'Resume session' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^Session ${sessionId} `) })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Scalp map' })).toBeVisible();
  const made = await recordsSince(host, start);
  await expect(page.getByTestId('session-shots')).toHaveText(String(made.ids.length), { timeout: 20_000 });
  await expect(page.getByTestId('delivered-frontal')).toHaveAttribute('data-nl', String(made.deliveredNl));
  // Armed before the crash is disarmed after it; the clinician arms again and carries on.
  await expect(page.getByTestId('gun-link')).toContainText('Connected', { timeout: 20_000 });
  // The resumed session says the station restarted, and what came back from the gun.
  const note = page.getByTestId('interruption');
  await expect(note).toHaveAttribute('data-kind', 'station-restart');
  await expect(note).toHaveText(/^The station restarted at \d\d:\d\d:\d\d; \d+ doses? (was|were) recovered from the gun; none lost\.$/, { timeout: 20_000 });
  await checkScreen(page, 'session-restart-note');
  // The restarted gun holds no profile: the station sent the session's again when the link came up,
  // so arming works without the clinician re-sending it.
  await page.getByTestId('arm').click();
  await expect(page.getByTestId('disarm')).toBeVisible();
  await expect(page.getByTestId('profile-resend-failed')).toHaveCount(0);
  await host.fire(3);
  await expect(page.getByTestId('session-shots')).toHaveText(String(made.ids.length + 3), { timeout: 20_000 });
  await page.getByTestId('disarm').click();
  await expect(page.getByTestId('arm')).toBeVisible();

  // The record the admin reads carries the interruption too.
  await page.getByRole('button', { name: 'Abort session' }).click();
  const abort = page.getByRole('alertdialog', { name: 'Abort this session?' });
  await abort.getByLabel('Reason').fill('end-to-end test ends here');
  await abort.getByRole('button', { name: 'Abort session' }).click();
  await logout(page);
  await login(page, ADMIN);
  await page.getByRole('button', { name: /^Open session / }).first().click();
  await expect(page.getByTestId('record-interruptions')).toHaveText(/^The station restarted at \d\d:\d\d:\d\d; \d+ doses? (was|were) recovered from the gun; none lost\.$/);
  await checkScreen(page, 'admin-session-detail-restart');
});
