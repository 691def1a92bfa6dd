// Two-person serum library governance in Chromium: one admin drafts a change (the screen shows what
// it changes and offers them no approval), a second admin sees the same difference, is refused with
// a wrong password, approves with theirs, and the serum's newest version carries the change.
import { expect, test } from '@playwright/test';
import { openSocket, startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { ADMIN, firstLogin, login, logout, nav } from './support/ui.js';

const SECOND = { username: 'bea', displayName: 'Bea Second', firstPassword: 'bea-first-1234', password: 'bea-pass-12345' };

let host: Host;
test.beforeEach(async () => {
  host = await startHost();
  const api = await openSocket(host);
  try {
    await api.call('setup.createAdmin', ADMIN);
    await api.call('users.create', { username: SECOND.username, displayName: SECOND.displayName, password: SECOND.firstPassword, role: 'admin' });
  } finally {
    api.close();
  }
});
test.afterEach(async () => {
  await host?.stop();
});

test('a serum change is drafted by one admin and approved by another', async ({ page }) => {
  await page.goto(host.url);
  await login(page, ADMIN);
  await nav(page, 'Serum library');
  const first = page.getByRole('button', { name: /^Open / }).first();
  const serumName = ((await first.getAttribute('aria-label')) ?? '').replace(/^Open /, '');
  await first.click();
  const editor = page.locator('form[aria-labelledby="se-title"]');
  await editor.getByLabel('Diabetes').check();
  await editor.getByLabel('Min. days between sessions').fill('21');
  await editor.getByLabel(/^Reason for this change/).fill('Supplier leaflet v3: diabetes now a contraindication');
  await editor.getByRole('button', { name: 'Draft this change' }).click();
  await expect(editor.getByRole('status')).toContainText('another administrator must approve it');

  const drafts = page.getByTestId('serum-drafts');
  await expect(drafts.getByRole('heading', { name: 'Awaiting approval (1)' })).toBeVisible();
  const changes = drafts.getByTestId('draft-changes');
  await expect(changes.locator('tr[data-field="contraindications"]')).toContainText('added: diabetes');
  await expect(changes.locator('tr[data-field="minDaysBetweenSessions"]')).toContainText('21 days');
  // The drafter is offered no approval; the core would refuse it anyway (unit-tested).
  await expect(drafts.getByText('You drafted this: another administrator must approve and publish it.')).toBeVisible();
  await expect(drafts.getByRole('button', { name: 'Approve and publish' })).toHaveCount(0);
  await page.getByTestId('serum-drafts').scrollIntoViewIfNeeded();
  await checkScreen(page, 'serum-draft-by-drafter');
  await logout(page);

  // ---- the second admin
  await firstLogin(page, SECOND);
  await nav(page, 'Serum library');
  await expect(changes.locator('tr[data-field="contraindications"]')).toContainText('added: diabetes');
  await expect(drafts).toContainText(`Drafted by ${ADMIN.displayName}`);
  const approve = drafts.getByRole('form', { name: `Approve ${serumName}` });
  await approve.getByLabel(/^Your password, to sign the approval/).fill('wrong-password');
  await approve.getByRole('button', { name: 'Approve and publish' }).click();
  await expect(drafts.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Log out', exact: true })).toBeVisible();
  await checkScreen(page, 'serum-draft-approval');
  await approve.getByLabel(/^Your password, to sign the approval/).fill(SECOND.password);
  await approve.getByRole('button', { name: 'Approve and publish' }).click();
  await expect(drafts).toBeHidden();

  // The newest version carries the change; the versions compare to the same difference.
  const row = page.locator('tr', { has: page.getByRole('button', { name: `Open ${serumName}` }) });
  await expect(row).toContainText('v2');
  await page.getByRole('button', { name: `Open ${serumName}` }).click();
  await expect(page.getByTestId('version-diff').locator('tr[data-field="contraindications"]')).toContainText('added: diabetes');
  await expect(page.locator('section[aria-labelledby="sv-title"] tbody tr').first()).toContainText('Supplier leaflet v3');
  await page.getByTestId('version-diff').scrollIntoViewIfNeeded();
  await checkScreen(page, 'serum-version-diff');
});
