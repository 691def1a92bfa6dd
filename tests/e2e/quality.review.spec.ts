// The review queue in Chromium: a hard stop in a session becomes an item on the admin's home and in
// the queue; a review without the right password is refused; signed, it moves from new to reviewed
// and the trail holds the signature.
import { expect, test } from '@playwright/test';
import { startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { createSerumAsAdmin, resumeAsClinician, setupSessionInMesotherapy, testSerum } from './support/session.js';
import { ADMIN, login, logout, nav } from './support/ui.js';

let host: Host;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host?.stop();
});

test('a hard stop shows up in the queue and is reviewed and signed', async ({ page }) => {
  const { sessionId } = await setupSessionInMesotherapy(host, {
    zone: 'vertex',
    minIntervalMs: 150,
    serum: () => createSerumAsAdmin(host, testSerum('Tight review serum', { zoneSoftUl: 60, zoneHardUl: 100, sessionSoftUl: 1000, sessionHardUl: 2000 })),
  });
  await resumeAsClinician(page, host);
  await page.getByTestId('arm').click();
  await expect(page.getByTestId('disarm')).toBeVisible();
  await host.fire(3);
  const soft = page.getByRole('alertdialog', { name: 'Soft limit reached' });
  await expect(soft).toBeVisible({ timeout: 20_000 });
  await soft.getByLabel('Reason for continuing').fill('Thin crown, extra coverage agreed with the patient');
  await soft.getByRole('button', { name: 'Continue with this reason' }).click();
  await page.getByTestId('arm').click();
  await expect(page.getByTestId('disarm')).toBeVisible();
  await host.fire(6);
  await expect(page.getByTestId('hard-stop')).toBeVisible({ timeout: 20_000 });
  await logout(page);

  // ---- the admin's home counts it; the queue lists it with what happened
  await login(page, ADMIN);
  const home = page.getByTestId('review-open-counts');
  await expect(home.locator('[data-kind="hard_stop"]')).toHaveAttribute('data-count', '1');
  await expect(home.locator('[data-kind="thermo_skipped"]')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('review-open-total')).toHaveText('2');
  await checkScreen(page, 'admin-home-review-counts');
  await nav(page, 'Review queue');
  await page.getByLabel('Kind').selectOption('hard_stop');
  const rows = page.getByTestId('review-items').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Vertex');
  await expect(rows.first()).toContainText(`Session ${sessionId}`);
  await expect(rows.first()).toContainText('new');
  await checkScreen(page, 'review-queue');

  // ---- a wrong password is refused and nothing changes; the right one signs it
  await rows.first().getByRole('button', { name: /^Review: Hard stop/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Disposition').selectOption('clinically-justified');
  await dialog.getByLabel('Comment').fill('Crown thinning; limit reached as planned, gun stopped correctly.');
  await dialog.getByLabel(/^Your password, to sign the review/).fill('not-my-password');
  await dialog.getByRole('button', { name: 'Sign the review' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await checkScreen(page, 'review-sign-dialog');
  await dialog.getByLabel(/^Your password, to sign the review/).fill(ADMIN.password);
  await dialog.getByRole('button', { name: 'Sign the review' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(0); // the queue shows new items: this one is reviewed now
  await page.getByLabel('Review status').selectOption('reviewed');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('reviewed');
  await rows.first().getByRole('button', { name: /^Open: Hard stop/ }).click();
  await expect(page.getByTestId('review-signed')).toContainText(`Reviewed by ${ADMIN.displayName}`);
  await expect(page.getByTestId('review-signed')).toContainText('Clinically justified');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('review-open-total')).toHaveText('1');

  // ---- the trail holds one signed review, and one refused signature attempt left no review
  await nav(page, 'Audit trail');
  await page.getByRole('combobox', { name: /^Action/ }).selectOption('review.sign');
  await expect(page.locator('table tbody tr')).toHaveCount(1);
  await expect(page.locator('table tbody tr').first()).toContainText('clinically-justified');
});
