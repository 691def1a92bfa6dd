// The patient record and the screens around it photographed in English, Turkish, Spanish and the
// pseudo-locale (tests/artifacts/screens/lang-<language>-<screen>.png), each checked by axe, for people
// to look at for truncated layouts and words that escaped the catalogue. Each language's own words
// are asserted on the way, so a screen that stayed English fails here before anyone looks.
import { expect, test, type Page } from '@playwright/test';
import { openSocket, startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { setupClinic } from './support/session.js';
import { CLINICIAN } from './support/ui.js';
import { en, es, tr, type UiMessageId } from '../../renderer/i18n/messages/index.js';
import { pseudoMessage } from '../../renderer/i18n/pseudo.js';
import { sidewaysOverflow } from './support/a11y.js';

let host: Host;

test.beforeAll(async () => {
  host = await startHost();
  const { patientId, screeningId } = await setupClinic(host, { patient: { fullName: 'İpek Işık', birthDate: '1990-03-04', clinicId: 'IST-7', preferredLanguage: 'tr', allergies: ['lidokain', 'çilek'] } });
  const api = await openSocket(host);
  try {
    await api.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
    await api.call('patients.recordGrade', { patientId, visitDate: '2026-11-02', scale: 'ludwig', grade: 'II' });
    const s = await api.call('sessions.start', { patientId, intake: { identityConfirmed: true, screeningId, notes: 'İlk seans' } });
    await api.call('sessions.abort', { sessionId: s.id, reason: 'e2e: a past session' });
  } finally {
    api.close();
  }
});

test.afterAll(async () => {
  await host?.stop();
});

type Shown = 'en' | 'tr' | 'es' | 'pseudo';
/** A catalogue's words as the window shows them in `shown` (the pseudo-locale: English, accented and padded). */
const word = (shown: Shown, id: UiMessageId): string => (shown === 'pseudo' ? pseudoMessage(en[id]) : { en, tr, es }[shown][id]);
const escape = (s: string) => s.replace(/[[\]().*+?^$|{}]/g, '\\$&');

async function openAs(page: Page, shown: Shown): Promise<void> {
  const api = await openSocket(host);
  await api.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
  await api.call('auth.setLanguage', { language: shown === 'pseudo' ? 'en' : shown });
  api.close();
  const url = new URL(host.url);
  await page.goto(shown === 'pseudo' ? `${url.origin}/?pseudo=1${url.hash}` : host.url);
  await page.locator('input[name="username"]').fill(CLINICIAN.username);
  await page.locator('input[name="password"]').fill(CLINICIAN.password);
  await page.locator('button[type="submit"]').click();
  await expect(page.getByRole('button', { name: word(shown, 'nav.logout'), exact: true })).toBeVisible();
}

for (const shown of ['en', 'tr', 'es', 'pseudo'] as const) {
  test(`the record's screens in ${shown}`, async ({ page }) => {
    // The screen scrolls inside <main>, so a long one is photographed at each part, scrolled to it.
    // Nothing may scroll sideways or stick out past the window, in any language or the pseudo-locale.
    const overflow: string[] = [];
    const shot = async (name: string, at?: string) => {
      if (at) await page.locator(at).scrollIntoViewIfNeeded();
      await checkScreen(page, `lang-${shown}-${name}`);
      overflow.push(...(await sidewaysOverflow(page)).map((o) => `${name}: ${o}`));
    };
    await openAs(page, shown);
    await page.getByLabel(new RegExp(`^${escape(word(shown, 'picker.find'))}`)).fill('ipek');
    await expect(page.getByRole('row', { name: /İpek Işık/ })).toBeVisible();
    await shot('home');

    await page.getByRole('row', { name: /İpek Işık/ }).getByRole('button', { name: word(shown, 'home.open') }).click();
    await expect(page.getByRole('heading', { name: 'İpek Işık', level: 1 })).toBeVisible();
    await expect(page.getByRole('heading', { name: word(shown, 'screening.title'), level: 2 })).toBeVisible();
    await expect(page.getByTestId('history-item')).toHaveCount(1);
    await shot('patient');
    await shot('patient-consent', '#pt-consent');
    await shot('patient-history', '#pt-history');
    await shot('patient-grade', '#pt-grade');

    await page.getByRole('button', { name: word(shown, 'patient.start') }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await shot('start-session');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await page.getByRole('navigation').getByRole('button', { name: word(shown, 'route.newPatient') }).click();
    await expect(page.getByRole('heading', { name: word(shown, 'newPatient.title'), level: 1 })).toBeVisible();
    await shot('new-patient');
    // Saved with nothing filled in: each refusal at its field, in the window's language.
    await page.locator('button[type="submit"]').last().click();
    await expect(page.locator('.field-error').first()).toBeVisible();
    await shot('new-patient-refused', '.field-error');
    await shot('new-patient-screening', '#np-screen');
    await shot('new-patient-consent', '#np-consent');
    expect(overflow).toEqual([]);
  });
}

test('first run in Turkish and Spanish (the browser’s language, before the station has one)', async ({ browser }) => {
  const fresh = await startHost();
  try {
    for (const [locale, title] of [
      ['tr-TR', 'Bu istasyonu kurun'],
      ['es-ES', 'Configurar este puesto'],
    ] as const) {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto(fresh.url);
      await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
      await checkScreen(page, `lang-${locale.slice(0, 2)}-first-run`);
      await context.close();
    }
  } finally {
    await fresh.stop();
  }
});
