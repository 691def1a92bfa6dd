// The admin screens in Turkish, Spanish and the pseudo-locale: an admin who chose Turkish, then
// Spanish, walks the guns, serum library (with its editor), lots (with a recall list), consent forms
// (with the editor), users, session records, a session's shot timeline and exports; every screen is
// photographed at 1280x800, checked by axe-core, and nothing may stick out past the window's edge or
// scroll sideways (no table either). The PDF report the Turkish admin exports from the screen is in
// Turkish, its letters intact; the export's warning is worded in her Turkish.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { pseudoMessage } from '../../renderer/i18n/pseudo.js';
import { UI_CATALOGUES } from '../../renderer/i18n/I18n.js';
import type { UiMessageId } from '../../renderer/i18n/messages/index.js';
import { openSocket, startHost, type Host } from './support/host.js';
import { sidewaysOverflow } from './support/a11y.js';
import { checkScreen } from './support/screens.js';
import { LOT, setupSessionInMesotherapy } from './support/session.js';
import { ADMIN, CLINICIAN } from './support/ui.js';

let host: Host;
let sessionId: number;
const SHOTS = 6;

test.beforeAll(async () => {
  host = await startHost();
  ({ sessionId } = await setupSessionInMesotherapy(host, { zone: 'vertex', minIntervalMs: 150 }));
  const api = await openSocket(host);
  try {
    // A few shots, so the session records, the recall list and the timeline have rows.
    await api.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
    await api.call('sessions.arm', { sessionId });
    await host.fire(SHOTS);
    await expect.poll(async () => (await api.call('sessions.shots', { sessionId })).length, { timeout: 30_000 }).toBe(SHOTS);
    await api.call('gun.disarm', {});
    await api.call('auth.logout', {});
    await api.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await api.call('auth.setLanguage', { language: 'tr' });
  } finally {
    api.close();
  }
});

test.afterAll(async () => {
  await host?.stop();
});

type Lang = 'tr' | 'es' | 'pseudo';
const words = (lang: Lang, id: UiMessageId) => (lang === 'pseudo' ? pseudoMessage(UI_CATALOGUES.en[id]) : UI_CATALOGUES[lang][id]);

async function open(page: Page, lang: Lang, route: UiMessageId): Promise<void> {
  await page.getByRole('navigation', { name: words(lang, 'nav.main') }).getByRole('button', { name: words(lang, route), exact: true }).click();
}

/** Every admin screen this catalogue area covers, photographed at 1280x800; what sticks out, returned. */
async function walkAdminScreens(page: Page, lang: Lang): Promise<string[]> {
  const overflow: string[] = [];
  const shoot = async (name: string) => {
    await checkScreen(page, `lang-${lang}-admin-${name}`);
    // Longer words must not push anything past the window's right edge (a clipped field or button).
    overflow.push(...(await sidewaysOverflow(page)).map((o) => `${name}: ${o}`));
  };

  await open(page, lang, 'route.sessions');
  await expect(page.getByTestId('sessions-range')).toBeVisible();
  await shoot('sessions');
  await page.getByRole('button', { name: new RegExp(`${sessionId}`) }).first().click();
  await expect(page.getByTestId('timeline-shots')).toHaveText(String(SHOTS));
  await page.getByTestId('shot-timeline').scrollIntoViewIfNeeded();
  await shoot('timeline');

  await open(page, lang, 'route.guns');
  await shoot('guns');

  await open(page, lang, 'route.serums');
  await page.getByRole('table', { name: words(lang, 'admin.serums.title') }).locator('tbody').getByRole('button').first().click();
  await expect(page.locator('#se-title')).toBeVisible();
  await shoot('serums');
  await page.locator('#se-title').scrollIntoViewIfNeeded();
  await shoot('serum-editor');

  await open(page, lang, 'route.lots');
  await page.getByRole('row', { name: new RegExp(LOT.lotNumber) }).getByRole('button').click();
  await expect(page.locator('#lot-manage')).toBeVisible();
  await shoot('lots');
  await page.locator('#lot-manage').scrollIntoViewIfNeeded();
  await shoot('lot-recall-list');

  await open(page, lang, 'route.consentForms');
  await page.getByRole('table', { name: words(lang, 'admin.consentForms.caption') }).locator('tbody').getByRole('button').first().click();
  await expect(page.locator('#cf-edit')).toBeVisible();
  await shoot('consent-forms');
  await page.locator('#cf-edit').scrollIntoViewIfNeeded();
  await shoot('consent-form-editor');

  await open(page, lang, 'route.users');
  await shoot('users');

  await open(page, lang, 'route.exports');
  await page.getByRole('button', { name: words(lang, 'admin.exports.recallButton') }).click();
  await shoot('exports');
  return overflow;
}

test('an admin who chose Turkish, then Spanish, sees every admin screen in that language; the PDF report she exports is Turkish', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(host.url);
  // The station speaks English at the login; the admin's own Turkish from then on.
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr-TR');
  expect(await walkAdminScreens(page, 'tr')).toEqual([]);

  // The PDF report of the session, exported from the Turkish screen.
  for (const o of ['shots_csv', 'zones_csv', 'sessions_csv', 'json', 'pdf', 'recall_csv']) await page.locator(`input[type="checkbox"][name="${o}"]`).setChecked(o === 'pdf');
  await page.getByTestId('run-export').click();
  const job = page.getByTestId('export-job');
  await expect(job).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(job.getByRole('heading', { name: 'Dışa aktarma tamamlandı' })).toBeVisible();
  // The training database's warning travels as a code and is worded in the admin's Turkish.
  await expect(job.getByText(UI_CATALOGUES.tr['reason.export.training-database'])).toBeVisible();
  await checkScreen(page, 'lang-tr-admin-exports-done');
  const manifest = (await page.getByTestId('manifest-path').innerText()).trim();
  const pdf = readdirSync(path.dirname(manifest)).find((f) => f.startsWith(path.basename(manifest).replace('.manifest.json', '')) && f.endsWith('.pdf'))!;
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(path.dirname(manifest), pdf), '-'], { encoding: 'utf8' });
  for (const words of ['Saç mezoterapisi - seans raporu', 'Doğum tarihi', 'İmzalayan', 'Başlangıç', 'Tabancadan kurtarılan kayıtlar']) expect(text).toContain(words);

  await page.getByTestId('language-chooser').selectOption('es');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-ES');
  // Spanish: the longest headers of the three (ADMINISTRADO, PROFUNDIDAD RECOMENDADA) fit too.
  expect(await walkAdminScreens(page, 'es')).toEqual([]);
});

test('the pseudo-locale: every admin screen bracketed and accented, so an untranslated word stands out', async ({ page }) => {
  test.setTimeout(240_000);
  const url = new URL(host.url);
  await page.goto(`${url.origin}/?pseudo=1${url.hash}`);
  await page.getByLabel(pseudoMessage(UI_CATALOGUES.en['login.username'])).fill(ADMIN.username);
  await page.getByLabel(pseudoMessage(UI_CATALOGUES.en['login.password'])).fill(ADMIN.password);
  await page.getByRole('button', { name: pseudoMessage(UI_CATALOGUES.en['login.submit']) }).click();
  // Its padding is short words that wrap as a longer translation would, so what it pushes past the
  // window is a real layout fault, measured like the languages'.
  expect(await walkAdminScreens(page, 'pseudo')).toEqual([]);
});
