// Thermotherapy as the seeds require it: an early "Complete" is refused without an admin's approval
// (on screen and over the contract), and an approved one is recorded as shortened, with the time
// given, the reason and the approver, in the session record the admin reads.
import { expect, test } from '@playwright/test';
import { openSocket, startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { PATIENT, setupClinic, tickChecklist } from './support/session.js';
import { ADMIN, CLINICIAN, login, logout } from './support/ui.js';

let host: Host | null = null;
test.afterEach(async () => {
  await host?.stop();
  host = null;
});

test('early "Complete" is refused without an admin\'s approval; an approved one is recorded as shortened', async ({ page }) => {
  host = await startHost();
  await setupClinic(host);
  await page.goto(host.url);
  await login(page, CLINICIAN);
  await page.getByRole('button', { name: 'Open' }).first().click();
  await expect(page.getByRole('heading', { name: PATIENT.fullName })).toBeVisible();
  await page.getByRole('button', { name: 'Start session' }).click();
  const start = page.getByRole('dialog', { name: 'Start a session' });
  await start.getByLabel('Identity checked with the patient (two identifiers)').check();
  await start.getByLabel('Unchanged: confirmed with the patient today').check();
  await start.getByRole('button', { name: 'Begin thermotherapy' }).click();

  await page.getByRole('button', { name: 'Start steam' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  // Complete stays off until every checklist item is ticked (each tick is recorded with its time).
  await expect(page.getByRole('button', { name: 'Complete steam' })).toBeDisabled();
  await tickChecklist(page);

  // Over the contract, without approval: refused with its code; the stage keeps running.
  const sessionId = Number((await page.getByRole('heading', { name: /^Session \d+/ }).innerText()).match(/^Session (\d+)/)![1]);
  const api = await openSocket(host);
  await api.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
  expect(await api.refusal('sessions.thermo.complete', { sessionId, stage: 'steam' })).toBe('blocked');
  expect((await api.call('sessions.get', { sessionId })).step).toBe('steam.running');

  // On screen, the early Complete asks for a reason and an administrator; the clinician's own password is refused.
  await page.getByRole('button', { name: 'Complete steam' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Complete the steam early' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('shortened');
  await dialog.getByLabel('Reason').fill('patient feels faint in the steam');
  await dialog.getByLabel('Administrator username').fill(CLINICIAN.username);
  await dialog.getByLabel('Administrator password').fill(CLINICIAN.password);
  await dialog.getByRole('button', { name: 'Complete early with approval' }).click();
  await expect(dialog.getByRole('alert')).toContainText('is not an administrator');
  expect((await api.call('sessions.get', { sessionId })).step).toBe('steam.running');
  await dialog.getByLabel('Administrator username').fill(ADMIN.username);
  await dialog.getByLabel('Administrator password').fill(ADMIN.password);
  await checkScreen(page, 'thermotherapy-early-complete');
  await dialog.getByRole('button', { name: 'Complete early with approval' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: /step 2 of 2: Head massage/ })).toBeVisible();

  const v = await api.call('sessions.get', { sessionId });
  expect(v.thermo.steam.shortened).toMatchObject({ reason: 'patient feels faint in the steam', approvedBy: ADMIN.username });
  expect(v.thermo.steam.shortened!.givenMs).toBeLessThan(v.thermo.steam.plannedMs);
  expect(Object.keys(v.thermo.steam.checks).sort()).toEqual(['cape-on', 'patient-comfortable', 'steamer-ready']);
  await api.call('sessions.abort', { sessionId, reason: 'end-to-end test ends here' });
  api.close();

  // The admin's session record says "shortened", with the time given, the reason and the approver.
  await logout(page);
  await login(page, ADMIN);
  await page.getByRole('button', { name: /^Open session / }).first().click();
  await expect(page.getByTestId('thermo-record')).toContainText('steam shortened');
  await expect(page.getByTestId('thermo-record')).toContainText(`patient feels faint in the steam; approved by ${ADMIN.username}`);
  await checkScreen(page, 'admin-session-detail-shortened', { fullPage: true });
});
