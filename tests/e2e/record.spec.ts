// The patient's record in Chromium: a start refused without consent, the consent signed on the pad;
// a past session opened read-only; "repeat last session" sparing the occipital; a too-early start
// with its reason; a quarantined lot refused at preparation, saying why; the admin's session
// records paging past 200 sessions, each naming its patient. Every new screen is photographed.
import { expect, test, type Page } from '@playwright/test';
import { openSocket, startHost, type Host, type SocketClient } from './support/host.js';
import { answerScreening, drawSignature } from './support/record.js';
import { checkScreen } from './support/screens.js';
import { LOT, PATIENT, createSerumAsAdmin, setupClinic, testSerum } from './support/session.js';
import { ADMIN, CLINICIAN, login } from './support/ui.js';
import { UI_CATALOGUES } from '../../renderer/i18n/I18n.js';

let host: Host;
test.beforeEach(async () => {
  host = await startHost();
});
test.afterEach(async () => {
  await host?.stop();
});

async function asClinician<T>(f: (api: SocketClient) => Promise<T>): Promise<T> {
  const api = await openSocket(host);
  try {
    await api.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
    return await f(api);
  } finally {
    api.close();
  }
}

async function openPatient(page: Page): Promise<void> {
  await page.getByLabel(/^Find a patient/).fill(PATIENT.clinicId);
  await page.getByRole('row', { name: new RegExp(PATIENT.fullName) }).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('heading', { name: PATIENT.fullName, level: 1 })).toBeVisible();
}

async function beginStart(page: Page) {
  await page.getByRole('button', { name: 'Start session' }).click();
  const dialog = page.getByRole('dialog', { name: 'Start a session' });
  await dialog.getByLabel('Identity checked with the patient (two identifiers)').check();
  await dialog.getByLabel('Unchanged: confirmed with the patient today').check();
  await dialog.getByRole('button', { name: 'Begin thermotherapy' }).click();
  return dialog;
}

test('no start without consent; the consent signed on the pad; a past session opened; "repeat last session" spares the occipital; a too-early start with its reason', async ({ page }) => {
  const shoot = (name: string, fullPage = false) => checkScreen(page, name, { fullPage });
  // A serum with no minimum days of its own, so the course's gap alone makes the second session early.
  const { patientId, serum, screeningId } = await setupClinic(host, {
    consent: false,
    serum: () => createSerumAsAdmin(host, { ...testSerum('Zero-gap test serum', { zoneSoftUl: 600, zoneHardUl: 1000, sessionSoftUl: 3000, sessionHardUl: 5000 }), minDaysBetweenSessions: 0 }),
  });

  await page.goto(host.url);
  await login(page, CLINICIAN);
  await openPatient(page);
  await expect(page.getByText('No consent recorded: a session cannot start until the patient signs the consent form.')).toBeVisible();
  const refused = await beginStart(page);
  await expect(refused.getByRole('alert')).toHaveText('The patient has not signed a consent form for hair mesotherapy: record the consent first.');
  await shoot('session-start-no-consent');
  await refused.getByRole('button', { name: 'Cancel' }).click();

  // Contact details, validated: a number without its country code is refused, naming the field.
  await page.getByRole('button', { name: 'Edit contact details' }).click();
  const contact = page.getByRole('form', { name: 'Contact details' });
  await contact.getByLabel(/^Phone/).fill('0532 123 45 67');
  await contact.getByLabel('Reason for the change').fill('new number given at reception');
  await contact.getByRole('button', { name: 'Save contact details' }).click();
  // The core's validation.phone-format on the phone field: said at the field, in the window's words.
  await expect(contact.getByRole('alert')).toContainText(UI_CATALOGUES.en['reason.validation.phone-format']);
  await expect(contact.getByLabel(/^Phone/)).toHaveAttribute('aria-invalid', 'true');
  await contact.getByLabel(/^Phone/).fill('+90 532 123 45 67');
  await contact.getByLabel('E-mail').fill('paula@example.com');
  await contact.getByLabel('Preferred language').selectOption('tr');
  await shoot('patient-contact-edit');
  await contact.getByRole('button', { name: 'Save contact details' }).click();
  await expect(page.getByTestId('contact')).toHaveText('Phone +905321234567 · e-mail paula@example.com · language Türkçe');

  // An allergy in Turkish, recognised as the standard allergen a serum is matched on.
  await page.getByLabel(/^New allergy/).fill('LİDOKAİN');
  // The hint ("e.g. reaction at the last session") describes the field; its name is the label alone.
  await page.getByLabel('Reason', { exact: true }).fill('reaction at the dentist, 2024');
  await expect(page.getByText('Recognised as: Lidocaine')).toBeVisible();
  await page.getByRole('button', { name: 'Add allergy' }).click();
  await expect(page.getByRole('list', { name: 'Recorded allergies' })).toContainText('LİDOKAİN');
  await expect(page.getByRole('list', { name: 'Recorded allergies' }).getByText('Lidocaine', { exact: true })).toBeVisible();
  await shoot('patient-allergies');

  await page.getByRole('button', { name: 'Record consent' }).click();
  await drawSignature(page);
  await shoot('patient-consent-record');
  await page.getByRole('button', { name: 'Save the signed consent' }).click();
  await expect(page.getByText('Valid for sessions.')).toBeVisible();
  const consents = await asClinician(async (api) => (await api.call('patients.get', { id: patientId })).consents);
  expect(consents).toHaveLength(1);
  expect(consents[0]!.signature.kind).toBe('drawn');
  const drawn = consents[0]!.signature as { strokes: [number, number][][] };
  expect(drawn.strokes).toHaveLength(2);
  expect(drawn.strokes[0]!.length).toBeGreaterThanOrEqual(5);

  // A session that delivered serum to the frontal and vertex zones only, then was aborted.
  const pastId = await asClinician(async (api) => {
    const s = await api.call('sessions.start', { patientId, intake: { identityConfirmed: true, screeningId } });
    await api.call('sessions.thermo.skip', { sessionId: s.id, reason: 'e2e set-up', admin: { username: ADMIN.username, password: ADMIN.password } });
    await api.call('sessions.prepare', { sessionId: s.id, serum: { serumVersionId: serum.versionId, lotNumber: LOT.lotNumber, expiry: LOT.expiry }, needleNewConfirmed: true });
    await api.call('sessions.setProfile', { sessionId: s.id, profile: { ...serum.defaultProfile, minIntervalMs: 150 } });
    await api.call('sessions.prepare', { sessionId: s.id, primed: true });
    for (const [zone, n] of [['frontal', 3], ['vertex', 2]] as const) {
      const before = (await api.call('sessions.get', { sessionId: s.id })).totalShots;
      await api.call('sessions.selectZone', { sessionId: s.id, zone });
      await api.call('sessions.arm', { sessionId: s.id });
      await host.fire(n);
      await expect.poll(async () => (await api.call('sessions.get', { sessionId: s.id })).totalShots, { timeout: 15_000 }).toBe(before + n);
      await api.call('sessions.disarm', { sessionId: s.id });
    }
    await api.call('sessions.abort', { sessionId: s.id, reason: 'patient felt faint' });
    return s.id;
  });

  // The clinician sees it among the past sessions and opens its record, read-only.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Today' }).click();
  await openPatient(page);
  const item = page.getByTestId('history-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('aborted');
  await expect(item).toContainText('Aborted: patient felt faint');
  await expect(item.getByRole('img', { name: /^Scalp map: Frontal \(hairline\) .*, Vertex \(crown\) / })).toBeVisible();
  await item.scrollIntoViewIfNeeded();
  await shoot('patient-history');
  await item.getByRole('button', { name: /^Open the session of / }).click();
  await expect(page.getByRole('heading', { name: `Session ${pastId}` })).toBeVisible();
  await shoot('session-record-clinician');
  await page.getByRole('button', { name: 'Back to the patient' }).click();

  // "Repeat last session": each zone as it was given (to the µL); the occipital, given nothing, is spared.
  const given = await asClinician(async (api) => (await api.call('sessions.history', { patientId })).find((h) => h.id === pastId)!.zones);
  const ul = (zone: string) => String(Math.round(given.find((z) => z.zone === zone)!.deliveredNl / 1000));
  expect(Number(ul('frontal'))).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Repeat last session' }).click();
  const editor = page.getByRole('form', { name: 'Edit the plan' });
  await expect(editor.getByLabel('Occipital (µL)')).toHaveValue('0');
  await expect(editor.getByLabel('Frontal (hairline) (µL)')).toHaveValue(ul('frontal'));
  await expect(editor.getByLabel('Vertex (crown) (µL)')).toHaveValue(ul('vertex'));
  await expect(editor.getByLabel('Mid-scalp (µL)')).toHaveValue('0');
  await editor.scrollIntoViewIfNeeded();
  await shoot('plan-editor');
  await editor.getByRole('button', { name: 'Save plan' }).click();
  const planned = page.getByRole('table', { name: 'Planned targets' });
  await expect(planned.locator('td[data-zone="occipital"]')).toHaveText('spared');
  await expect(planned.locator('td[data-zone="frontal"]')).toHaveText(`${ul('frontal')}.0 µL`);

  // On a course asking 14 days between sessions, a session today is too early: the dialog asks why.
  await asClinician(async (api) => {
    const template = (await api.call('courses.templates', {})).find((t) => t.key === 'seed-004-fortnightly-five-months')!;
    await api.call('courses.enrol', { patientId, templateId: template.templateId, startDate: new Date().toISOString().slice(0, 10) });
  });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Today' }).click();
  await openPatient(page);
  // At the start, the screening changed since last time: every question asked again, with the reason.
  await page.getByRole('button', { name: 'Start session' }).click();
  const early = page.getByRole('dialog', { name: 'Start a session' });
  await early.getByLabel('Identity checked with the patient (two identifiers)').check();
  await early.getByLabel('Something changed: update it').check();
  await answerScreening(early, ['Diabetes']);
  await early.getByLabel('Why did the screening change?').fill('diagnosed with type 2 diabetes last month');
  await shoot('session-start-screening-update');
  await early.getByRole('button', { name: 'Save the updated screening' }).click();
  await expect(early.getByLabel('Unchanged: confirmed with the patient today')).toBeChecked();
  await expect(early.getByText('Diabetes: Yes')).toBeVisible();
  await early.getByRole('button', { name: 'Begin thermotherapy' }).click();
  await expect(early.getByRole('alert')).toContainText('Too early: the earliest day for this session is');
  const why = early.getByLabel('Why go ahead early?');
  await expect(why).toBeVisible();
  await expect(early.getByRole('button', { name: 'Begin thermotherapy' })).toBeDisabled();
  await why.fill('patient travels for a month from tomorrow');
  await shoot('session-start-too-early');
  await early.getByRole('button', { name: 'Begin thermotherapy' }).click();
  await expect(page.getByRole('heading', { name: /^Thermotherapy · step 1 of 2/ })).toBeVisible();
  const started = await asClinician((api) => api.call('sessions.active', {}));
  expect(started?.warnings).toContainEqual(expect.objectContaining({ code: 'intake.went-ahead-early', params: expect.objectContaining({ reason: 'patient travels for a month from tomorrow' }) }));
});

test('a quarantined lot is refused at preparation, saying why', async ({ page }) => {
  const { patientId, screeningId } = await setupClinic(host);
  await page.goto(host.url);
  await login(page, ADMIN);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Lots', exact: true }).click();
  await page.getByRole('button', { name: `Manage lot ${LOT.lotNumber}` }).click();
  await page.getByLabel('Reason').fill('supplier notice 2026-14: sterility under review');
  await page.getByRole('button', { name: 'Quarantine' }).click();
  await expect(page.getByRole('cell', { name: /quarantined/ })).toBeVisible();
  await shoot(page, 'admin-lot-quarantine');
  await page.getByRole('button', { name: 'Log out' }).click();

  await asClinician(async (api) => {
    const s = await api.call('sessions.start', { patientId, intake: { identityConfirmed: true, screeningId } });
    await api.call('sessions.thermo.skip', { sessionId: s.id, reason: 'e2e set-up', admin: { username: ADMIN.username, password: ADMIN.password } });
  });
  await login(page, CLINICIAN);
  await page.getByRole('button', { name: 'Resume session' }).click();
  await expect(page.getByRole('heading', { name: 'Serum and lot' })).toBeVisible();
  await page.locator('select[name="serum"]').selectOption({ index: 1 });
  await page.locator('select[name="lot"]').selectOption(LOT.lotNumber);
  await page.getByLabel(/^Expiry/).fill(LOT.expiry);
  await page.getByRole('button', { name: 'Confirm serum and lot' }).click();
  await expect(page.getByRole('alert')).toHaveText(`Lot ${LOT.lotNumber} is in quarantine and may not be used: supplier notice 2026-14: sterility under review`);
  await shoot(page, 'session-preparation-quarantined-lot');
  await expect(page.getByText(/^Loaded: /)).toHaveCount(0);
});

test("the admin's session records page past 200 sessions, each naming its patient", async ({ page }) => {
  test.setTimeout(180_000);
  const { patientId, screeningId } = await setupClinic(host);
  // 230 sessions started and aborted before any serum: none delivered anything, so none is early.
  await asClinician(async (api) => {
    for (let i = 0; i < 230; i++) {
      const s = await api.call('sessions.start', { patientId, intake: { identityConfirmed: true, screeningId } });
      await api.call('sessions.abort', { sessionId: s.id, reason: 'e2e: paging' });
    }
  });
  await page.goto(host.url);
  await login(page, ADMIN);
  const range = page.getByTestId('sessions-range');
  await expect(range).toHaveText('Sessions 1–100 of 230');
  await expect(page.getByRole('cell', { name: PATIENT.fullName }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: /^#\d+$/ })).toHaveCount(0);
  const older = page.getByRole('button', { name: 'Older' });
  await older.click();
  await expect(range).toHaveText('Sessions 101–200 of 230');
  await older.click();
  await expect(range).toHaveText('Sessions 201–230 of 230');
  await expect(page.getByRole('cell', { name: PATIENT.fullName })).toHaveCount(30);
  await expect(older).toBeDisabled();
  await shoot(page, 'admin-sessions-page-3', true);
});

test('an admin edits the consent form; a version that asks patients to sign again outdates their consent', async ({ page }) => {
  const { patientId, screeningId } = await setupClinic(host);
  await page.goto(host.url);
  await login(page, ADMIN);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Consent forms', exact: true }).click();
  await expect(page.getByRole('cell', { name: 'Türkçe', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Edit the English form' }).click();
  const body = page.getByLabel('Text the patient reads');
  await body.fill(`${await body.inputValue()}\n\nPhotographs of the scalp may be taken for the record.`);
  await page.getByLabel('Yes: their consent no longer allows a session').check();
  await page.getByLabel('Reason for the change').fill('photographs added to the treatment');
  await shoot(page, 'admin-consent-form-edit');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.getByRole('row', { name: /^English / })).toContainText('v2');
  await expect(page.getByRole('row', { name: /^English / })).toContainText('yes, from this version');
  await shoot(page, 'admin-consent-forms');

  const refusal = await asClinician((api) => api.refusal('sessions.start', { patientId, intake: { identityConfirmed: true, screeningId } }));
  expect(refusal).toBe('blocked');
  await page.getByRole('button', { name: 'Log out' }).click();
  await login(page, CLINICIAN);
  await openPatient(page);
  await expect(page.getByText('The patient signed version 1 of the consent form; version 2 asks every patient to sign again.')).toBeVisible();
});

function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  return checkScreen(page, name, { fullPage });
}
