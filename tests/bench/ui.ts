// UI benchmark: from the simulated gun recording a shot to the zone total on screen showing it.
// The host runs as its own process with the simulator and MESO_TEST_HOOKS=1 (the only way shots are
// fired from outside); Chromium (Debian's) shows the mesotherapy screen. Both read the same wall clock:
// t0 = the record's endedAtMs (the gun stored the shot), t1 = Date.now() in the page when the zone's
// shot count changed in the DOM (MutationObserver).
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import buildRenderer from '../e2e/support/globalSetup.js';
import { startHost } from '../e2e/support/host.js';
import { createSerumAsAdmin, setupSessionInMesotherapy, testSerum } from '../e2e/support/session.js';
import { CLINICIAN, login } from '../e2e/support/ui.js';

const SHOTS = Number(process.env.UI_BENCH_SHOTS ?? 60);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export async function runUiBench(): Promise<Record<string, number>> {
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

    // ---- the clinician's screen
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await login(page, CLINICIAN);
    await page.getByRole('button', { name: 'Resume session' }).click();
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
    latencies.sort((a, b) => a - b);
    return {
      'ui.dose_to_screen_p50_ms': percentile(latencies, 50),
      'ui.dose_to_screen_p99_ms': percentile(latencies, 99),
      'ui.dose_to_screen_samples': latencies.length,
    };
  } finally {
    await browser.close();
    await host.stop();
  }
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
