// UI benchmark: from the simulated gun recording a shot to the zone total on screen showing it.
// The host runs as its own process with the simulator and MESO_TEST_HOOKS=1 (the only way shots are
// fired from outside); Chromium (Debian's) shows the mesotherapy screen. Both read the same wall clock:
// t0 = the record's endedAtMs (the gun stored the shot), t1 = Date.now() in the page when the zone's
// shot count changed in the DOM (MutationObserver).
// The screen is measured in each language of UI_BENCH_LANGUAGES (default en,tr), one after the other in
// the same session: the clinician chooses the language, then opens the screen afresh. English keeps the
// figures' old names (ui.dose_to_screen_*, the same-run baseline); the others are ui.<language>.*.
import { chromium, type Browser, type Page } from '@playwright/test';
import { LANGUAGES, type Language } from '../../electron/contract/languages.js';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import buildRenderer from '../e2e/support/globalSetup.js';
import { openSocket, startHost, type Host } from '../e2e/support/host.js';
import { createSerumAsAdmin, setupSessionInMesotherapy, testSerum, wordsIn } from '../e2e/support/session.js';
import { CLINICIAN } from '../e2e/support/ui.js';

const SHOTS = Number(process.env.UI_BENCH_SHOTS ?? 60);

function benchLanguages(): Language[] {
  const wanted = (process.env.UI_BENCH_LANGUAGES ?? 'en,tr').split(',').map((l) => l.trim());
  const unknown = wanted.filter((l) => !(LANGUAGES as readonly string[]).includes(l));
  if (unknown.length > 0) throw new Error(`UI_BENCH_LANGUAGES: no language ${unknown.join(', ')}; known: ${LANGUAGES.join(', ')}`);
  return wanted as Language[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export async function runUiBench(): Promise<Record<string, number>> {
  const languages = benchLanguages();
  buildRenderer(); // the host serves dist/renderer
  const host = await startHost();
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    // ---- set-up over the contract (the same core the UI uses): a session in mesotherapy, vertex chosen,
    // with a serum whose limits a long run does not reach
    await setupSessionInMesotherapy(host, {
      zone: 'vertex',
      minIntervalMs: 150,
      serum: () => createSerumAsAdmin(host, testSerum('Bench serum', { zoneSoftUl: 6000, zoneHardUl: 8000, sessionSoftUl: 7000, sessionHardUl: 9000 })),
    });

    const figures: Record<string, number> = {};
    for (const language of languages) {
      const latencies = await measureIn(browser, host, language);
      const prefix = language === 'en' ? 'ui.' : `ui.${language}.`;
      figures[`${prefix}dose_to_screen_p50_ms`] = percentile(latencies, 50);
      figures[`${prefix}dose_to_screen_p99_ms`] = percentile(latencies, 99);
      figures[`${prefix}dose_to_screen_samples`] = latencies.length;
    }
    return figures;
  } finally {
    await browser.close();
    await host.stop();
  }
}

/** The clinician's screen in `language`: SHOTS shots, one at a time; each one's time from the gun to the screen, sorted. */
async function measureIn(browser: Browser, host: Host, language: Language): Promise<number[]> {
  const api = await openSocket(host);
  try {
    await api.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.password });
    await api.call('auth.setLanguage', { language });
    await api.call('auth.logout', {});
  } finally {
    api.close();
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await openSession(page, host.url);
    await page.getByRole('heading', { name: wordsIn(language)('meso.zone', { zone: wordsIn(language)('zone.vertex') }) }).waitFor();
    await page.getByTestId('arm').click();
    await page.getByTestId('disarm').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __seen: { text: string; at: number }[] };
      w.__seen = [];
      const el = document.querySelector('[data-testid="zone-shots"]');
      if (!el) throw new Error('no zone-shots');
      new MutationObserver(() => w.__seen.push({ text: el.textContent ?? '', at: Date.now() })).observe(el, { subtree: true, characterData: true, childList: true });
    });

    // ---- one shot at a time, so each record's time on screen is unambiguous
    const latencies: number[] = [];
    let shown = Number(await page.getByTestId('zone-shots').innerText());
    for (let i = 0; i < SHOTS; i++) {
      const before = (await host.sim()).records.length;
      await host.fire(1);
      shown += 1;
      await page.waitForFunction((n) => (document.querySelector('[data-testid="zone-shots"]')?.textContent ?? '') === String(n), shown, { timeout: 10_000 });
      const rec = (await host.sim()).records[before];
      const seen = await page.evaluate((n) => (window as unknown as { __seen: { text: string; at: number }[] }).__seen.find((x) => x.text === String(n))?.at ?? null, shown);
      if (rec && seen !== null) latencies.push(seen - rec.endedAtMs);
    }
    await page.getByTestId('disarm').click();
    await page.getByTestId('arm').waitFor();
    return latencies.sort((a, b) => a - b);
  } finally {
    await page.close();
  }
}

/** Logs the clinician in on the station's (English) login screen and opens the session in progress from the home screen. */
async function openSession(page: Page, url: string): Promise<void> {
  const station = wordsIn('en');
  await page.goto(url);
  await page.getByLabel(station('login.username')).fill(CLINICIAN.username);
  await page.getByLabel(station('login.password')).fill(CLINICIAN.password);
  await page.getByRole('button', { name: station('login.submit') }).click();
  await page.locator('section[aria-labelledby="active-title"]').getByRole('button').click();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runUiBench().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
