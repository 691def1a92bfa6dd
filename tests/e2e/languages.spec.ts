// The station in the clinic's language: a Turkish station's login and gun bar in Turkish, a user who
// chose Spanish sees Spanish once logged in, switches to Turkish from the navigation without a reload,
// finds İpek Işık by typing "ipek", and meets the station's Turkish again after logging out; the page's
// lang follows, and the pseudo-locale marks every translated string. Screenshots of each.
import { expect, test } from '@playwright/test';
import { openSocket, startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { ADMIN, CLINICIAN } from './support/ui.js';

let host: Host;

test.beforeAll(async () => {
  host = await startHost();
  const admin = await openSocket(host);
  await admin.call('setup.createAdmin', ADMIN);
  await admin.call('users.create', { username: CLINICIAN.username, displayName: CLINICIAN.displayName, password: CLINICIAN.firstPassword, role: 'clinician' });
  await admin.call('settings.update', { changes: { language: 'tr' }, reason: 'İstanbul kliniği' });
  await admin.call('patients.create', { fullName: 'İpek Işık', birthDate: '1990-03-04', clinicId: 'IST-7', sex: 'female' });
  await admin.call('patients.create', { fullName: 'Ivan Petrov', birthDate: '1980-01-01', clinicId: 'IST-8', sex: 'male' });
  admin.close();
  const clara = await openSocket(host);
  await clara.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.firstPassword });
  await clara.call('auth.changePassword', { currentPassword: CLINICIAN.firstPassword, newPassword: CLINICIAN.password });
  await clara.call('auth.setLanguage', { language: 'es' });
  clara.close();
});

test.afterAll(async () => {
  await host?.stop();
});

test('a Turkish station logs in in Turkish; a user who chose Spanish sees Spanish until she logs out', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Giriş' })).toBeVisible();
  await expect(page.getByRole('banner', { name: 'Tabanca durumu' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr-TR');
  await checkScreen(page, 'lang-tr-login');

  await page.getByLabel('Kullanıcı adı').fill(CLINICIAN.username);
  await page.getByLabel('Parola').fill(CLINICIAN.password);
  await page.getByRole('button', { name: 'Giriş yap' }).click();
  await expect(page.getByRole('banner', { name: 'Estado de la pistola' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-ES');
  await expect(page.getByTestId('gun-link')).toContainText('Pistola');
  await checkScreen(page, 'lang-es-home');

  // She switches to Turkish from the navigation: at once, no reload.
  await page.getByTestId('language-chooser').selectOption('tr');
  await expect(page.getByRole('button', { name: 'Çıkış yap', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr-TR');
  // Searching "ipek" finds İpek Işık (Turkish dotted capital İ), and not Ivan.
  await page.getByLabel(/^Hasta bul/).fill('ipek');
  await expect(page.getByRole('cell', { name: 'İpek Işık' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Ivan Petrov' })).toHaveCount(0);
  await checkScreen(page, 'lang-tr-home');
  // Back to the station's language, then out: the login speaks the station's Turkish.
  await page.getByTestId('language-chooser').selectOption('');
  await page.getByRole('button', { name: 'Çıkış yap', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Giriş' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'tr-TR');
});

test('the pseudo-locale brackets and accents every translated string, so an English one stands out', async ({ page }) => {
  const url = new URL(host.url);
  await page.goto(`${url.origin}/?pseudo=1${url.hash}`);
  await expect(page.getByRole('heading', { name: '[Ļöĝ îñ ~~]' })).toBeVisible();
  await expect(page.getByTestId('gun-link')).toContainText('[Ĝûñ ~]');
  await checkScreen(page, 'lang-pseudo-login');
});

test('an admin changes the station’s language in Settings: it applies at once, the login screen follows', async ({ page }) => {
  await page.goto(host.url);
  await page.getByLabel('Kullanıcı adı').fill(ADMIN.username);
  await page.getByLabel('Parola').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Giriş yap' }).click();
  await page.getByRole('navigation').getByRole('button', { name: 'Ayarlar' }).click();
  await expect(page.getByRole('heading', { name: 'Ayarlar', level: 1 })).toBeVisible();
  await checkScreen(page, 'lang-tr-settings');
  await page.getByLabel('İstasyonun dili').selectOption('es');
  await page.getByLabel('Değişikliğin gerekçesi').fill('clínica de Madrid');
  await page.getByRole('button', { name: 'Ayarları kaydet' }).click();
  await expect(page.getByRole('heading', { name: 'Ajustes', level: 1 })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Guardado.');
  await page.getByRole('button', { name: 'Cerrar sesión', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Iniciar sesión' })).toBeVisible();
});
