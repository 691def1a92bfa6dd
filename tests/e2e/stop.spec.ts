// The stop always works: lock and logout disarm the gun first and say so; the stop in the gun bar
// works on the lock screen (gun.disarm is public) and is audited as the station; auto-lock waits for
// idle, and shots fired while armed are the clinician's activity. And the gun bar says what is known:
// when the station dies mid-burst it never says Disarmed before the gun has disarmed itself.
import { expect, test, type Page } from '@playwright/test';
import { openSocket, startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { lastRecordId, resumeAsClinician, setupSessionInMesotherapy } from './support/session.js';
import { startSimProcess } from './support/simProcess.js';
import { ADMIN, CLINICIAN } from './support/ui.js';

let host: Host | null = null;
test.afterEach(async () => {
  await host?.stop();
  host = null;
});

async function armAndWait(page: Page, h: Host): Promise<void> {
  await page.getByTestId('arm').click();
  await expect(page.getByTestId('disarm')).toBeVisible();
  await expect.poll(async () => (await h.sim()).armed).toBe(true);
}

/** Polls the simulator until it reports itself disarmed; resolves with how long that took. */
async function msUntilSimDisarmed(h: Host, since: number, limitMs: number): Promise<number> {
  for (;;) {
    if (!(await h.sim()).armed) return Date.now() - since;
    if (Date.now() - since > limitMs) throw new Error(`the simulator was still armed ${limitMs} ms later`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

test('arm, then lock: the gun is disarmed within 1.5 s and the lock screen says so; the stop on the lock screen works', async ({ page }) => {
  host = await startHost();
  const { sessionId } = await setupSessionInMesotherapy(host, { zone: 'vertex' });
  await resumeAsClinician(page, host);
  await armAndWait(page, host);

  const lockedAt = Date.now();
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  expect(await msUntilSimDisarmed(host, lockedAt, 1_500)).toBeLessThan(1_500);
  await expect(page.getByRole('heading', { name: 'Station locked' })).toBeVisible();
  await expect(page.getByTestId('gun-disarmed-on-leave')).toContainText('The gun was disarmed before the station locked');
  await expect(page.getByTestId('gun-armed')).toHaveAttribute('data-trigger', 'disarmed');
  await checkScreen(page, 'lock-screen-gun-disarmed');

  // The clinician's other window arms the gun again while this one stays locked: the stop shows here.
  const other = await openSocket(host);
  try {
    await other.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
    await other.call('sessions.arm', { sessionId });
  } finally {
    other.close();
  }
  // Closing that window disarmed the gun again (its login ended); arm it once more from a window kept open.
  await expect.poll(async () => (await host!.sim()).armed).toBe(false);
  const keep = await openSocket(host);
  await keep.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
  await keep.call('sessions.arm', { sessionId });
  await expect(page.getByTestId('gun-armed')).toHaveAttribute('data-trigger', 'armed');
  const stop = page.getByTestId('gunbar-disarm');
  await expect(stop).toBeVisible();
  await checkScreen(page, 'lock-screen-stop');
  await stop.click();
  await expect.poll(async () => (await host!.sim()).armed).toBe(false);
  await expect(page.getByTestId('gun-armed')).toHaveAttribute('data-trigger', 'disarmed');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Station locked' })).toBeVisible();

  // Audited as the station (locked), with the user the screen was locked for.
  await keep.call('auth.logout', {});
  await keep.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  const rows = (await keep.call('audit.list', { action: 'gun.disarm' })).entries;
  expect(rows[0]).toMatchObject({ userId: null, username: 'station:locked', newValue: { cause: 'stop', acknowledged: true, sessionId, screenUser: CLINICIAN.username } });
  keep.close();
});

test('logout while armed disarms first, and the login screen says so', async ({ page }) => {
  host = await startHost();
  await setupSessionInMesotherapy(host, { zone: 'frontal' });
  await resumeAsClinician(page, host);
  await armAndWait(page, host);
  const at = Date.now();
  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  expect(await msUntilSimDisarmed(host, at, 1_500)).toBeLessThan(1_500);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(page.getByTestId('gun-disarmed-on-leave')).toContainText(`The gun was disarmed before ${CLINICIAN.displayName} logged out`);
  await checkScreen(page, 'login-gun-disarmed');
});

test('with shots flowing auto-lock does not fire; once they stop it waits the idle time, disarms, then locks', async ({ page }) => {
  const SHOTS = 20;
  host = await startHost();
  // 750 ms between shots: a burst of 20 lasts about 15 s, well past the 6 s idle time set below (and
  // 20 shots of 20 uL stay under the serum's 600 uL zone soft limit, so the gun stays armed).
  await setupSessionInMesotherapy(host, { zone: 'vertex', minIntervalMs: 750 });
  const admin = await openSocket(host);
  await admin.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  await admin.call('settings.update', { changes: { autoLockMinutes: 0.1 }, reason: 'e2e: a short idle time' });
  admin.close();

  await resumeAsClinician(page, host);
  await armAndWait(page, host);
  // Record when the lock screen appears, without touching the page (no input is activity).
  await page.evaluate(() => {
    const w = window as unknown as { __lockedAt: number | null };
    w.__lockedAt = null;
    new MutationObserver(() => {
      if (w.__lockedAt === null && [...document.querySelectorAll('h1')].some((h) => h.textContent === 'Station locked')) w.__lockedAt = Date.now();
    }).observe(document.body, { subtree: true, childList: true });
  });
  const first = await lastRecordId(host);
  const burstStart = Date.now();
  await host.fire(SHOTS);
  await expect.poll(async () => (await host!.sim()).records.length, { timeout: 40_000 }).toBeGreaterThanOrEqual(first + SHOTS);
  const sim = await host.sim();
  const lastShotAt = sim.records.at(-1)!.endedAtMs;
  expect(lastShotAt - burstStart).toBeGreaterThan(12_000);
  // Not locked during the burst, although it lasted twice the idle time; the gun is still armed.
  expect(await page.evaluate(() => (window as unknown as { __lockedAt: number | null }).__lockedAt)).toBeNull();
  expect(sim.armed).toBe(true);

  await expect(page.getByRole('heading', { name: 'Station locked' })).toBeVisible({ timeout: 15_000 });
  const lockedAt = (await page.evaluate(() => (window as unknown as { __lockedAt: number | null }).__lockedAt))!;
  // It waited the idle time after the last shot (6 s; the core checks every second).
  expect(lockedAt - lastShotAt).toBeGreaterThanOrEqual(5_500);
  expect((await host.sim()).armed).toBe(false);
  await expect(page.getByTestId('gun-disarmed-on-leave')).toBeVisible();
  await checkScreen(page, 'lock-screen-auto-lock');
  // Disarmed before the lock (the audit rows say so), by the station on its idle rule.
  const admin2 = await openSocket(host);
  await admin2.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
  const disarm = (await admin2.call('audit.list', { action: 'gun.disarm' })).entries[0];
  const lock = (await admin2.call('audit.list', { action: 'auth.lock' })).entries[0];
  admin2.close();
  expect(disarm).toMatchObject({ username: 'station:auto-lock', newValue: { cause: 'auto-lock', acknowledged: true, screenUser: CLINICIAN.username } });
  expect(lock).toMatchObject({ username: CLINICIAN.username, newValue: { reason: 'idle', gunDisarmed: true } });
});

test('kill the station mid-burst: the open tab never says Disarmed before the gun has disarmed itself', async ({ page }) => {
  // The gun in its own process, as a real gun is: it goes on firing until its heartbeat watchdog stops it.
  const sim = await startSimProcess();
  try {
    host = await startHost({ gunPath: sim.stationPath });
    await setupSessionInMesotherapy(host, { zone: 'vertex', minIntervalMs: 150, pairingCode: () => sim.pairingCode() });
    await resumeAsClinician(page, host);
    await page.getByTestId('arm').click();
    await expect(page.getByTestId('disarm')).toBeVisible();
    await expect(page.getByTestId('gun-armed')).toHaveAttribute('data-trigger', 'armed');
    // Every change of the gun bar's trigger, with the time the page saw it.
    await page.evaluate(() => {
      const w = window as unknown as { __trigger: { at: number; state: string; text: string }[] };
      const el = document.querySelector('[data-testid="gun-armed"]')!;
      const seen = () => w.__trigger.push({ at: Date.now(), state: el.getAttribute('data-trigger') ?? '', text: el.textContent ?? '' });
      w.__trigger = [];
      seen();
      new MutationObserver(seen).observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
    });

    const burst = Date.now();
    sim.send('fire 60');
    await sim.waitFor(/^shot #\d+/, burst);
    await sim.waitFor(/^shot #\d+/, Date.now());
    const killedAt = Date.now();
    await host.kill();
    // The gun fires on after the station died, until its own watchdog disarms it.
    const simDisarmedAt = await sim.waitFor(/disarmed \(heartbeat-lost\)/, killedAt, 5_000);
    const shotsAfterKill = sim.lines.filter((l) => l.at > killedAt && l.at <= simDisarmedAt && /^shot #/.test(l.text)).length;
    expect(shotsAfterKill).toBeGreaterThan(0);
    await expect(page.getByTestId('gun-armed')).toHaveAttribute('data-trigger', 'watchdog-disarmed', { timeout: 5_000 });
    await checkScreen(page, 'gunbar-watchdog-disarmed');

    const seen = await page.evaluate(() => (window as unknown as { __trigger: { at: number; state: string; text: string }[] }).__trigger);
    const firstDisarmed = seen.find((s) => /Disarmed/.test(s.text));
    expect(firstDisarmed, JSON.stringify(seen)).toBeDefined();
    // Never Disarmed before the gun had disarmed itself; in between it said the gun may still be armed.
    expect(firstDisarmed!.at, JSON.stringify({ seen, killedAt, simDisarmedAt })).toBeGreaterThanOrEqual(simDisarmedAt);
    expect(seen.some((s) => s.state === 'may-be-armed' && s.at < simDisarmedAt), JSON.stringify(seen)).toBe(true);
    expect(seen.filter((s) => s.at < simDisarmedAt).every((s) => s.state === 'armed' || s.state === 'may-be-armed'), JSON.stringify(seen)).toBe(true);
  } finally {
    await sim.stop();
  }
});
