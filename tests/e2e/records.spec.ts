// The gun bar's Disarm control works from any screen; the admin's session detail shows the shot
// timeline straight from the ledger (the same shots the simulator logged), and the session browser
// filters by gun. Screens photographed and checked by axe-core at 1280x800 and 1920x1080.
import { expect, test } from '@playwright/test';
import { startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { resumeAsClinician, setupSessionInMesotherapy, treatZone } from './support/session.js';
import { ADMIN, login, logout } from './support/ui.js';

let host: Host;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host?.stop();
});

test('disarm from the gun bar on another screen; the admin sees the shot timeline and filters by gun', async ({ page }) => {
  await setupSessionInMesotherapy(host, { zone: 'vertex', minIntervalMs: 150 });
  await resumeAsClinician(page, host);

  // Armed, then away from the session screen: the gun bar still offers Disarm.
  await page.getByTestId('arm').click();
  await expect(page.getByTestId('disarm')).toBeVisible();
  await host.fire(4);
  await expect(page.getByTestId('zone-shots')).toHaveText('4', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Back to today' }).click();
  const barDisarm = page.getByTestId('gunbar-disarm');
  await expect(barDisarm).toBeVisible();
  const box = await barDisarm.boundingBox();
  expect(box!.height).toBeGreaterThanOrEqual(44);
  expect(box!.width).toBeGreaterThanOrEqual(44);
  await checkScreen(page, 'gunbar-armed-home');
  await barDisarm.click();
  await expect(page.getByTestId('gun-armed')).toContainText('Disarmed', { timeout: 10_000 });
  await expect(barDisarm).toBeHidden();
  expect((await host.sim()).armed).toBe(false);

  // Back in the session it shows disarmed (recorded on the session), and treatment goes on.
  await page.getByRole('button', { name: 'Resume session' }).click();
  await expect(page.getByTestId('arm')).toBeVisible();
  await treatZone(page, host, 'frontal', 5);
  await treatZone(page, host, 'temporal_left', 3);
  await logout(page);

  // ---- admin: the timeline equals the simulator's log, shot by shot
  await login(page, ADMIN);
  const serial = (await host.sim()).serial;
  await page.getByRole('combobox', { name: /^Gun/ }).selectOption(serial);
  await expect(page.getByTestId('sessions-range')).toHaveText('Sessions 1–1 of 1');
  await expect(page.getByRole('cell', { name: serial })).toBeVisible();
  await checkScreen(page, 'admin-sessions-gun-filter');
  await page.getByRole('button', { name: /^Open session / }).first().click();
  const records = (await host.sim()).records;
  await expect(page.getByTestId('timeline-shots')).toHaveText(String(records.length));
  await expect(page.getByTestId('timeline-faults')).toHaveText('None');
  const rows = page.getByTestId('shot-timeline').locator('tbody tr');
  await expect(rows).toHaveCount(records.length);
  expect(await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-shot'))))).toEqual(records.map((r) => r.recordId));
  await expect(rows.first()).toContainText('Vertex (crown)');
  await expect(rows.last()).toContainText('Temporal left');
  await page.getByRole('heading', { name: 'Shot timeline' }).scrollIntoViewIfNeeded();
  await checkScreen(page, 'admin-session-timeline');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByRole('heading', { name: 'Shot timeline' }).scrollIntoViewIfNeeded();
  await checkScreen(page, 'admin-session-timeline-1920');
});
