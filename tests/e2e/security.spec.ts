// The browser host's guards and the role checks behind the contract: a wrong token or a foreign
// Origin is refused before the WebSocket upgrade; the page takes its token out of the address bar
// and reconnects when given a new one; a clinician sees no admin screen, and admin methods called
// straight over the socket are refused by the core.
import { request } from 'node:http';
import { expect, test } from '@playwright/test';
import { HOST_PATHS } from '../../electron/contract/api.js';
import { openSocket, socketRefusal, startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { ADMIN, CLINICIAN, login } from './support/ui.js';

let host: Host;

test.beforeAll(async () => {
  host = await startHost();
  const admin = await openSocket(host);
  await admin.call('setup.createAdmin', ADMIN);
  await admin.call('users.create', { username: CLINICIAN.username, displayName: CLINICIAN.displayName, password: CLINICIAN.firstPassword, role: 'clinician' });
  admin.close();
  const clara = await openSocket(host);
  await clara.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.firstPassword });
  await clara.call('auth.changePassword', { currentPassword: CLINICIAN.firstPassword, newPassword: CLINICIAN.password });
  clara.close();
});

test.afterAll(async () => {
  await host?.stop();
});

test('a wrong token is refused before the upgrade: HTTP 401, never a socket opened and then closed', async () => {
  expect(await socketRefusal(host, { token: 'f'.repeat(48) })).toEqual({ httpStatus: 401 });
  expect(await socketRefusal(host, { token: '' })).toEqual({ httpStatus: 401 });
  expect(await socketRefusal(host, { token: host.token.slice(0, -1) })).toEqual({ httpStatus: 401 });
  // The right token does get a socket (so the refusals above are about the token).
  const ok = await openSocket(host);
  ok.close();
});

test('the token check answers 204 for this launch\'s token and 401 for any other', async () => {
  const check = (auth?: string) => fetch(`${host.origin}${HOST_PATHS.tokenCheck}`, { headers: auth ? { Authorization: auth } : {} });
  expect((await check(`Bearer ${host.token}`)).status).toBe(204);
  const wrong = await check(`Bearer ${'0'.repeat(48)}`);
  expect(wrong.status).toBe(401);
  expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer /);
  expect((await check()).status).toBe(401);
});

test('a foreign Origin is refused before any socket opens', async () => {
  expect(await socketRefusal(host, { origin: 'http://evil.example' })).toEqual({ httpStatus: 403 });
  expect(await socketRefusal(host, { origin: 'http://localhost:1' })).toEqual({ httpStatus: 403 });
});

test('the page carries a strict CSP; another Host name is refused; hooks need the token', async () => {
  const res = await fetch(`${host.origin}/`);
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).toContain("connect-src 'self'");

  const status = await new Promise<number>((resolve, reject) => {
    const u = new URL(host.origin);
    const req = request({ host: u.hostname, port: u.port, path: '/', headers: { Host: 'rebind.example:80' } }, (r) => resolve(r.statusCode ?? 0));
    req.on('error', reject);
    req.end();
  });
  expect(status).toBe(421);

  expect((await fetch(`${host.origin}/__test/sim`)).status).toBe(401);
});

test('a page opened with a wrong token says exactly what to do, and cannot use the station', async ({ page }) => {
  await page.goto(`${host.origin}/#token=${'0'.repeat(48)}`);
  const refused = page.getByTestId('refused');
  await expect(refused.getByRole('heading', { name: "This page's key to the station is out of date" })).toBeVisible();
  await expect(refused).toContainText('Open the address the station printed at its latest start');
  await expect(refused).toContainText('paste it into this tab');
  await expect(page.getByRole('heading', { name: 'Log in' })).toHaveCount(0);
  await checkScreen(page, 'refused-token');
});

test('a page opened with no token says where to find one', async ({ page }) => {
  await page.goto(`${host.origin}/`);
  await expect(page.getByRole('heading', { name: 'This page has no key to the station' })).toBeVisible();
  await expect(page.getByTestId('refused')).toContainText('Open the address the station printed when it started');
});

test('the token leaves the address bar and the history at load; a reload still connects', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  expect(page.url()).toBe(`${host.origin}/`);
  expect(await page.evaluate(() => location.hash)).toBe('');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  expect(page.url()).toBe(`${host.origin}/`);
  await login(page, CLINICIAN);
});

test('a new address in the same tab, differing only in its token, reconnects without a reload', async ({ page }) => {
  // A station of its own, restarted on the same port with its data: the restart makes a new token.
  const first = await startHost();
  const port = Number(new URL(first.origin).port);
  let second: Host | null = null;
  try {
    const setup = await openSocket(first);
    await setup.call('setup.createAdmin', ADMIN);
    setup.close();
    await page.goto(first.url);
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

    await first.stop();
    second = await startHost({ dataDir: first.dataDir, port });
    expect(second.token).not.toBe(first.token);
    // The tab retries, is refused (its token is the old launch's) and says what to do.
    await expect(page.getByRole('heading', { name: "This page's key to the station is out of date" })).toBeVisible({ timeout: 20_000 });
    await checkScreen(page, 'refused-stale-token');

    // The station's new address, pasted into the same tab: only the #token differs.
    await page.goto(second.url);
    await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(page.url()).toBe(`${second.origin}/`);
    await login(page, ADMIN);
  } finally {
    await second?.stop();
    await first.stop();
  }
});

test('admin methods over the socket are refused for a clinician', async () => {
  const c = await openSocket(host);
  expect(await c.refusal('users.list', {})).toBe('unauthenticated');
  await c.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
  for (const [method, input] of [
    ['users.list', {}],
    ['users.create', { username: 'mallory', displayName: 'M', role: 'admin', password: 'mallory-pass-1' }],
    ['gun.beginPairing', {}],
    ['gun.pair', { code: '123456' }],
    ['sessions.list', {}],
    ['audit.list', {}],
    ['audit.verify', {}],
    ['audit.verifyDoses', {}],
    ['settings.update', { changes: { autoLockMinutes: 60 } }],
    ['settings.forgetGun', { serial: 'SIM-0001', reason: 'x' }],
  ] as const)
    expect(await c.refusal(method, input), method).toBe('forbidden');
  expect(await c.refusal('no.such.method', {})).toBe('validation');
  c.close();
});

test('a clinician sees no admin screen', async ({ page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await checkScreen(page, 'login');
  await login(page, CLINICIAN);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('button', { name: 'Today' })).toBeVisible();
  for (const admin of ['Session records', 'Guns', 'Serum library', 'Users', 'Audit trail', 'Settings']) await expect(nav.getByRole('button', { name: admin })).toHaveCount(0);
  await checkScreen(page, 'clinician-home');
});

test('lock hides the screen until the same user re-enters the password', async ({ page }) => {
  await page.goto(host.url);
  await login(page, CLINICIAN);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Station locked' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await checkScreen(page, 'lock');
  await page.getByLabel('Password').fill('wrong-password-1');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Password').fill(CLINICIAN.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});
