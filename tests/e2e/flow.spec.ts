// First run to a signed session, all through the UI, with the simulated gun on a socat pty:
// admin + clinician, pairing with the code the gun shows, a new patient with screening, every phase,
// >= 60 shots over >= 5 zones; then the admin's view of the session shows, per zone, exactly the
// volume the simulator logged. Every screen on the way is photographed and checked by axe-core.
import { expect, test } from '@playwright/test';
import { startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { answerScreening, drawSignature } from './support/record.js';
import { LOT, PATIENT, ZONE_KEYS, startSessionToMesotherapy, treatZone, type ZoneKey } from './support/session.js';
import { ADMIN, CLINICIAN, addClinician, addLot, firstLogin, firstRunAdminAndStation, login, logout, nav } from './support/ui.js';

let host: Host;
test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.stop();
});

test('first run to a signed session; the admin sees what the gun delivered', async ({ page }) => {
  const shoot = (name: string) => checkScreen(page, name);
  await page.goto(host.url);

  // ---- first run: administrator, station name, pairing
  await firstRunAdminAndStation(page, 'Room 2 station', shoot);
  await expect(page.getByTestId('simulated')).toBeVisible();
  await page.getByRole('button', { name: 'Show a pairing code on the gun' }).click();
  await expect.poll(async () => (await host.sim()).pairingCode).not.toBeNull();
  const code = (await host.sim()).pairingCode!;
  await page.getByLabel(/^Pairing code/).fill(code);
  await shoot('first-run-pair');
  await page.getByRole('button', { name: 'Pair the gun' }).click();
  await expect(page.getByTestId('gun-link')).toContainText('Connected', { timeout: 15_000 });

  // ---- admin: a clinician, a serum lot; every admin screen
  await expect(page.getByRole('heading', { name: 'Session records' })).toBeVisible();
  await shoot('admin-sessions-empty');
  await addClinician(page, shoot);
  await addLot(page, LOT, shoot);

  await nav(page, 'Guns');
  await expect(page.getByRole('cell', { name: /SIM-/ })).toBeVisible();
  await shoot('admin-guns');
  await nav(page, 'Audit trail');
  await page.getByTestId('verify-audit').click();
  await expect(page.getByText(/^Intact: /)).toBeVisible();
  await shoot('admin-audit');
  await nav(page, 'Settings');
  await shoot('admin-settings');
  await logout(page);

  // ---- clinician: new patient with screening, then the session
  await firstLogin(page, CLINICIAN);
  await shoot('clinician-home-empty');
  await nav(page, 'New patient');
  await page.getByLabel('Full name').fill(PATIENT.fullName);
  await page.getByLabel('Date of birth').fill(PATIENT.birthDate);
  await page.getByLabel('Clinic id').fill(PATIENT.clinicId);
  await page.getByLabel('Sex').selectOption('male');
  await page.getByLabel(/^Phone/).fill('+34 612 34 56 78');
  await page.getByLabel(/^Preferred language/).selectOption('es');
  await answerScreening(page);
  await drawSignature(page);
  await shoot('new-patient');
  await page.getByRole('button', { name: 'Save patient' }).click();
  await expect(page.getByRole('heading', { name: PATIENT.fullName })).toBeVisible();
  await expect(page.getByText('Valid for sessions.')).toBeVisible();
  await shoot('patient');

  await startSessionToMesotherapy(page, { shoot, minIntervalMs: 150 });
  await shoot('session-mesotherapy-start');

  const plan: [ZoneKey, number][] = [
    ['frontal', 14],
    ['mid_scalp', 13],
    ['vertex', 12],
    ['temporal_left', 11],
    ['temporal_right', 11],
  ];
  const delivered: Partial<Record<ZoneKey, number>> = {};
  for (const [zone, n] of plan) delivered[zone] = (delivered[zone] ?? 0) + (await treatZone(page, host, zone, n));
  const shots = plan.reduce((a, [, n]) => a + n, 0);
  expect(shots).toBeGreaterThanOrEqual(60);
  await expect(page.getByTestId('session-shots')).toHaveText(String(shots));
  await shoot('session-mesotherapy');

  await page.getByTestId('finish-meso').click();
  // The patient chose Spanish: the sheet she takes home is in Spanish, on the clinician's English screen.
  const sheet = page.getByRole('article', { name: 'Cuidados tras su sesión de mesoterapia capilar' });
  await expect(sheet).toHaveAttribute('lang', 'es-ES');
  await expect(sheet.getByText('No se duche ni sude durante 8 horas')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Closing care' })).toBeVisible();
  await page.getByLabel('Closing oil serum applied over the treated scalp').check();
  await page.getByLabel('Aftercare explained and the sheet given to the patient').check();
  await shoot('session-closing');
  await page.getByRole('button', { name: 'Closing done: review' }).click();

  await expect(page.getByRole('heading', { name: 'Sign the record' })).toBeVisible();
  await page.getByLabel('Your password').fill(CLINICIAN.password);
  await shoot('session-review', );
  await page.getByRole('button', { name: 'Sign and close the record' }).click();
  await expect(page.getByTestId('signed')).toBeVisible();
  await shoot('session-signed');
  await logout(page);

  // ---- admin: the session's record equals the simulator's log, zone by zone
  await login(page, ADMIN);
  await expect(page.getByRole('heading', { name: 'Session records' })).toBeVisible();
  await page.getByRole('button', { name: /^Open session / }).first().click();
  await expect(page.getByRole('heading', { name: /^Session \d+$/ })).toBeVisible();
  for (const zone of ZONE_KEYS) await expect(page.getByTestId(`delivered-${zone}`), zone).toHaveAttribute('data-nl', String(delivered[zone] ?? 0));
  const total = Object.values(delivered).reduce((a, b) => a + b, 0);
  await expect(page.getByTestId('delivered-total')).toHaveAttribute('data-nl', String(total));
  expect((await host.sim()).records.reduce((a, r) => a + r.deliveredNl, 0)).toBe(total);
  await shoot('admin-session-detail');
  // Every dose record of the session carries the gun's MAC, and it verifies with the paired gun's key.
  await nav(page, 'Audit trail');
  await page.getByTestId('verify-doses').click();
  await expect(page.getByTestId('dose-verification')).toHaveText(`Dose records: all ${shots} authenticated by the gun’s MAC.`);
  await shoot('admin-audit-doses');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await nav(page, 'Session records');
  await page.getByRole('button', { name: /^Open session / }).first().click();
  await checkScreen(page, 'admin-session-detail-1920');
});
