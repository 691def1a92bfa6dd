// The quality dashboard in Chromium on a station holding a synthetic clinic whose events were planted
// at known sessions: each of the six charts is drawn with the planted totals, by clinician and by
// month; a bar opens exactly the sessions the generator planted its events in; a session opens from
// there. Each chart is photographed (tests/artifacts/screens/quality-*.png) for people to look at.
import { expect, test } from '@playwright/test';
import { QUALITY_METRICS, type QualityMetric } from '../../electron/contract/quality.js';
import type { ClinicOptions, ClinicSummary } from '../support/syntheticClinic.js';
import { hostWithClinic } from './support/clinic.js';
import type { Host } from './support/host.js';
import { checkScreen, SCREENS_DIR } from './support/screens.js';
import { ADMIN, login, nav } from './support/ui.js';

// 2 rooms x 6 sessions a day x 75 days of 35 shots, and 30 unattributed doses (as the unit test of the rates).
const CLINIC: ClinicOptions = { rooms: 2, sessionsPerRoomPerDay: 6, days: 75, shotsPerSession: 35, unattributedShots: 30, seed: 7, startDate: '2025-01-06', quality: true };
const SHOTS = 2 * 6 * 75 * 35 + 30;

let host: Host;
let clinic: ClinicSummary;
test.beforeEach(async () => {
  ({ host, clinic } = await hostWithClinic(CLINIC));
});
test.afterEach(async () => {
  await host?.stop();
});

const planted = (metric: QualityMetric) => clinic.plan.events.filter((e) => e.metric === metric);

test('the dashboard renders each chart, and a drill-down opens the right sessions', async ({ page }) => {
  await page.goto(host.url);
  await login(page, ADMIN);
  await nav(page, 'Quality');
  await page.getByLabel(/^From/).fill('2025-01-06');
  await page.getByLabel(/^To/).fill('2025-03-21');

  for (const metric of QUALITY_METRICS) {
    const card = page.locator(`section[data-metric="${metric}"]`);
    await expect(card.getByTestId(`total-${metric}`)).toContainText(`(${planted(metric).length} in ${SHOTS.toLocaleString('en-GB')} shots)`);
    const svg = card.locator(`figure[data-chart="${metric}"] svg`);
    await expect(svg).toBeVisible();
    // Every clinician has a bar (8 of them), and the bars carry the figures in words for screen readers.
    await expect(svg).toHaveAttribute('aria-label', /per 100 shots, by clinician/i);
    await card.screenshot({ path: `${SCREENS_DIR}quality-chart-${metric}-by-clinician.png` });
  }
  await checkScreen(page, 'quality-dashboard');

  // ---- a bar: the hard stops of one clinician, and exactly the sessions they were planted in
  const hardStops = page.locator('section[data-metric="hard_stop"]');
  const bar = hardStops.locator('svg rect[data-key]:not([data-key=""])').first();
  const clinicianId = Number(await bar.getAttribute('data-key'));
  const sessionsOf = new Map(clinic.plan.sessions.map((s) => [s.id, s]));
  const expected = [...new Set(planted('hard_stop').filter((e) => e.sessionId !== null && sessionsOf.get(e.sessionId)?.clinicianId === clinicianId).map((e) => e.sessionId!))].sort((a, b) => a - b);
  expect(expected.length).toBeGreaterThan(0);
  await bar.click();
  const dialog = page.getByRole('dialog');
  const rows = dialog.getByTestId('drill-sessions').locator('tbody tr');
  await expect(rows).toHaveCount(expected.length);
  const shown = (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-session'))))).sort((a, b) => a - b);
  expect(shown).toEqual(expected);
  await checkScreen(page, 'quality-drill');
  await dialog.getByRole('button', { name: `Open session ${expected[0]}` }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^Session ${expected[0]}\\b`) })).toBeVisible();

  // ---- Back returns to the dashboard, not to the session records: the range and the open drill-down as they were
  await page.getByRole('button', { name: 'Back to the quality dashboard' }).click();
  await expect(page.getByRole('heading', { name: 'Quality', level: 1 })).toBeVisible();
  await expect(page.getByRole('dialog').getByTestId('drill-sessions').locator('tbody tr')).toHaveCount(expected.length);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // ---- leaving and coming back keeps the range too; by month, three months, every chart drawn again
  await nav(page, 'Session records');
  await nav(page, 'Quality');
  await expect(page.getByLabel(/^From/)).toHaveValue('2025-01-06');
  await expect(page.getByLabel(/^To/)).toHaveValue('2025-03-21');
  await page.getByLabel(/^Breakdown/).selectOption('month');
  for (const metric of QUALITY_METRICS) {
    const card = page.locator(`section[data-metric="${metric}"]`);
    await expect(card.locator('svg')).toHaveAttribute('aria-label', /by month/i);
    await expect(card.getByTestId(`table-${metric}`).locator('tbody tr')).toHaveCount(3);
    await card.screenshot({ path: `${SCREENS_DIR}quality-chart-${metric}-by-month.png` });
  }
  // The table holds the same figures: the months' events add up to the planted total.
  const table = page.getByTestId('table-override');
  const events = await table.locator('tbody tr td:nth-of-type(1)').allTextContents();
  expect(events.map(Number).reduce((a, b) => a + b, 0)).toBe(planted('override').length);

  // ---- in Turkish: the same charts, their axes and units in the window's language, figures with its decimal comma
  await page.getByTestId('language-chooser').selectOption('tr');
  await expect(page.getByRole('heading', { name: 'Kalite', level: 1 })).toBeVisible();
  for (const [dimension, words] of [['month', 'Ay'], ['clinician', 'Klinisyen']] as const) {
    await page.getByLabel(/^Kırılım/).selectOption(dimension);
    for (const metric of QUALITY_METRICS) {
      const card = page.locator(`section[data-metric="${metric}"]`);
      await expect(card.locator('svg')).toHaveAttribute('aria-label', new RegExp(`100 enjeksiyonda .*, ${words} bazında$`));
      await expect(card.locator('svg')).toContainText('100 enjeksiyonda');
      await card.screenshot({ path: `${SCREENS_DIR}quality-chart-${metric}-by-${dimension}-tr.png` });
    }
  }
  await expect(page.getByTestId('total-override')).toContainText('31.530 enjeksiyonda 100');
  await checkScreen(page, 'quality-dashboard-tr');
});
