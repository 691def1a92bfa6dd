// Dose limits on screen: the soft limit asks for a reason and carries on; the hard limit stops the
// gun and the screen says why.
import { expect, test } from '@playwright/test';
import { startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { createSerumAsAdmin, resumeAsClinician, setupSessionInMesotherapy, testSerum } from './support/session.js';

let host: Host;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host?.stop();
});

test('soft limit asks for a reason; hard limit stops the gun and says why', async ({ page }) => {
  await setupSessionInMesotherapy(host, {
    zone: 'vertex',
    minIntervalMs: 150,
    // A serum with a tight zone limit: soft 60 uL, hard 100 uL, 20 uL a shot.
    serum: () => createSerumAsAdmin(host, testSerum('Tight test serum', { zoneSoftUl: 60, zoneHardUl: 100, sessionSoftUl: 1000, sessionHardUl: 2000 })),
  });
  await resumeAsClinician(page, host);
  await page.getByTestId('arm').click();
  await expect(page.getByTestId('disarm')).toBeVisible();
  await host.fire(3);
  const soft = page.getByRole('alertdialog', { name: 'Soft limit reached' });
  await expect(soft).toBeVisible({ timeout: 20_000 });
  await checkScreen(page, 'session-soft-limit');
  await soft.getByLabel('Reason for continuing').fill('Thin crown, extra coverage agreed with the patient');
  await soft.getByRole('button', { name: 'Continue with this reason' }).click();
  await expect(soft).toBeHidden();

  await page.getByTestId('arm').click();

  await expect(page.getByTestId('disarm')).toBeVisible();
  await host.fire(6);
  await expect(page.getByTestId('hard-stop')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('hard-stop')).toContainText(/hard limit/i);
  await expect(page.getByTestId('arm')).toBeVisible();
  await expect(page.getByTestId('gun-armed')).toContainText('Disarmed');
  const zoneNl = Number(await page.getByTestId('delivered-vertex').getAttribute('data-nl'));
  expect(zoneNl).toBeLessThanOrEqual(100_000);
  await checkScreen(page, 'session-hard-limit');
});
