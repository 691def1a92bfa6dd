// quality.first_chart_ms: a browser host whose (training) station holds the synthetic year, Chromium
// signed in as the admin; from the click on "Quality" to the first chart's SVG in the DOM, the
// dashboard asking for the year. The seeded station (data folder and its key folder) is cached under os.tmpdir(), keyed like
// the query benchmark's database; the first run seeds it through the station's own keys.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config.js';
import buildRenderer from '../e2e/support/globalSetup.js';
import { seedClinic } from '../e2e/support/clinic.js';
import { startHost } from '../e2e/support/host.js';
import { ADMIN, login, nav } from '../e2e/support/ui.js';
import type { ClinicOptions } from '../support/syntheticClinic.js';

const RUNS = 3;

/** The seeded station's data folder (its keys beside it, as the host keeps them). */
export async function seededStation(opts: ClinicOptions, cacheName: string): Promise<string> {
  const dataDir = path.join(os.tmpdir(), `meso-quality-bench-host-${cacheName}`);
  const done = `${dataDir}.complete`;
  if (existsSync(done)) return dataDir;
  for (const d of [dataDir, `${dataDir}-keys`]) rmSync(d, { recursive: true, force: true });
  const t0 = performance.now();
  await seedClinic(opts, dataDir);
  writeFileSync(done, `${new Date().toISOString()}\n`);
  process.stderr.write(`seeded the browser host's station with the year in ${((performance.now() - t0) / 1000).toFixed(1)} s -> ${dataDir}\n`);
  return dataDir;
}

/**
 * The worst of RUNS openings of the dashboard, in ms. The range is set to the year once (the
 * dashboard keeps its range while the station runs); each run then leaves for another screen and
 * opens the dashboard again, timing the click to the first chart's SVG in the DOM.
 */
export async function firstChartMs(opts: ClinicOptions, cacheName: string, range: { fromDate: string; toDate: string }): Promise<{ worst: number; runs: number[] }> {
  buildRenderer();
  const dataDir = await seededStation(opts, cacheName);
  const host = await startHost({ dataDir });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(host.url);
    await login(page, ADMIN);
    await nav(page, 'Quality');
    await page.getByLabel(/^From/).fill(range.fromDate);
    await page.getByLabel(/^To/).fill(range.toDate);
    const total = page.locator('[data-testid="total-override"]');
    await total.waitFor({ timeout: 120_000 });
    const chart = page.locator('figure[data-chart] svg').first();
    const runs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await nav(page, 'Session records');
      await chart.waitFor({ state: 'detached' });
      const t0 = Date.now();
      await nav(page, 'Quality');
      await chart.waitFor({ timeout: 60_000 });
      runs.push(Date.now() - t0);
    }
    if (!/\([\d,]+ in [\d,]+ shots\)/.test((await total.textContent()) ?? '')) throw new Error('the dashboard shows no figures for the year');
    return { worst: Math.max(...runs), runs };
  } finally {
    await browser.close();
    await host.stop();
  }
}
