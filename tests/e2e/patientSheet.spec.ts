// The patient's sheet from the patient's record, in the patient's own language whatever the screen's:
// a Turkish-speaking patient's sheet is in Turkish with its letters intact (pdftotext), a
// Spanish-speaking patient's in Spanish; the screen says the language and the file it saved.
import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { openSocket, startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { setupClinic, signConsentOverSocket } from './support/session.js';
import { CLINICIAN, login } from './support/ui.js';

let host: Host;
const NO = { pregnancy: false, breastfeeding: false, immunologicalDisease: false, activeCancer: false, diabetes: false, anaestheticAllergy: false, other: false };

test.beforeAll(async () => {
  host = await startHost();
  const { patientId, screeningId } = await setupClinic(host, { patient: { fullName: 'İpek Işık', birthDate: '1990-03-04', clinicId: 'IST-7', preferredLanguage: 'tr', allergies: [] } });
  const api = await openSocket(host);
  try {
    await api.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
    const begoña = await api.call('patients.create', { fullName: 'Begoña Núñez', birthDate: '1985-06-07', clinicId: 'MAD-3', sex: 'female', preferredLanguage: 'es' });
    const screened = await api.call('patients.recordScreening', { patientId: begoña.id, ...NO });
    await signConsentOverSocket(api, begoña.id);
    // One session each, ended before any serum: the sheet is made once mesotherapy is over (or aborted).
    for (const [id, screening] of [
      [patientId, screeningId],
      [begoña.id, screened.screening!.id],
    ] as const) {
      const s = await api.call('sessions.start', { patientId: id, intake: { identityConfirmed: true, screeningId: screening } });
      await api.call('sessions.abort', { sessionId: s.id, reason: 'e2e: the patient sheet' });
    }
  } finally {
    api.close();
  }
});

test.afterAll(async () => {
  await host?.stop();
});

/** Opens the patient found by `search`, makes the sheet from the past session, and returns its text. */
async function sheetText(page: Page, search: string, name: string, button: string, testInfo: { outputPath: (name: string) => string }): Promise<{ text: string; saved: string }> {
  await page.getByLabel(/^Find a patient/).fill(search);
  await page.getByRole('row', { name: new RegExp(name) }).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  const item = page.getByTestId('history-item');
  await expect(item).toHaveCount(1);
  const download = page.waitForEvent('download');
  await item.getByRole('button', { name: button }).click();
  const file = testInfo.outputPath((await download).suggestedFilename());
  await (await download).saveAs(file);
  const saved = (await item.getByTestId('sheet-saved').textContent()) ?? '';
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return { text, saved };
}

test('the sheet of a Turkish-speaking patient is in Turkish, letters intact; a Spanish-speaking one’s in Spanish', async ({ page }, testInfo) => {
  await page.goto(host.url);
  await login(page, CLINICIAN);

  // Searching "ipek" finds İpek (dotted capital) on an English screen too.
  const tr = await sheetText(page, 'ipek', 'İpek Işık', 'Patient sheet (Türkçe)', testInfo);
  expect(tr.saved).toMatch(/^The patient sheet in Türkçe was saved as session-\d+-patient-sheet-tr(-TRAINING)?\.pdf, in this computer's downloads folder\.$/);
  expect(tr.text).toContain('Hasta: İpek Işık');
  expect(tr.text).toContain('Saç mezoterapisi seansınızdan sonra');
  expect(tr.text).toContain('Saçınızı 8 saat boyunca yıkamayın ve ıslatmayın.');
  await checkScreen(page, 'patient-sheet-tr', { fullPage: true });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Today' }).click();
  const es = await sheetText(page, 'begoña', 'Begoña Núñez', 'Patient sheet (Español)', testInfo);
  expect(es.saved).toContain('session-');
  expect(es.saved).toMatch(/-patient-sheet-es(-TRAINING)?\.pdf, /);
  expect(es.text).toContain('Paciente: Begoña Núñez');
  expect(es.text).toContain('Después de su sesión de mesoterapia capilar');
  expect(es.text).toContain('No se lave ni se moje el pelo durante 8 horas.');
});

test('a clinician who reads Turkish sees the record in Turkish; the sheet still follows the patient', async ({ page }) => {
  const api = await openSocket(host);
  await api.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
  await api.call('auth.setLanguage', { language: 'tr' });
  api.close();
  await page.goto(host.url);
  await page.getByLabel('Username').fill(CLINICIAN.username);
  await page.getByLabel('Password').fill(CLINICIAN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('button', { name: 'Çıkış yap', exact: true })).toBeVisible();
  await page.getByLabel(/^Hasta bul/).fill('begona');
  await page.getByRole('row', { name: /Begoña Núñez/ }).getByRole('button', { name: 'Aç' }).click();
  await expect(page.getByRole('heading', { name: 'Begoña Núñez', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Ön değerlendirme' })).toBeVisible();
  const item = page.getByTestId('history-item');
  await expect(item).toContainText('iptal edildi');
  const download = page.waitForEvent('download');
  await item.getByRole('button', { name: 'Hasta bilgi formu (Español)' }).click();
  await expect(item.getByTestId('sheet-saved')).toContainText('Español hasta bilgi formu');
  expect((await download).suggestedFilename()).toMatch(/-patient-sheet-es(-TRAINING)?\.pdf$/);
  await checkScreen(page, 'patient-sheet-es-read-in-tr', { fullPage: true });
});
