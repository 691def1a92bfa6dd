// The audit trail in Chromium: filtered by day, user, entity and action; exported as CSV and JSON into
// the station's export folder; the export verifies as an inspector would check it (file hashes, the
// chain proof, each row's keyed hash under the station's audit key), and a file changed afterwards
// does not.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { AuditExportManifest } from '../../electron/core/audit/export.js';
import { verifyAuditExport } from '../../electron/core/audit/exportVerify.js';
import { openKeyVault } from '../../electron/core/keys/fileVault.js';
import { sealerFromEnvironment } from '../../electron/core/keys/sealers.js';
import { openSocket, startHost, type Host } from './support/host.js';
import { checkScreen } from './support/screens.js';
import { ADMIN, CLINICIAN, login, nav } from './support/ui.js';

let host: Host;
test.beforeEach(async () => {
  host = await startHost();
  const api = await openSocket(host);
  try {
    await api.call('setup.createAdmin', ADMIN);
    await api.call('users.create', { username: CLINICIAN.username, displayName: CLINICIAN.displayName, password: CLINICIAN.firstPassword, role: 'clinician' });
    await api.call('auth.logout', {});
    // The clinician's first login: one auth.login of hers in the trail.
    await api.call('auth.login', { username: CLINICIAN.username, password: CLINICIAN.firstPassword });
    await api.call('auth.logout', {});
  } finally {
    api.close();
  }
});
test.afterEach(async () => {
  await host?.stop();
});

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

test('the audit trail filters by day, user, entity and action, and its export verifies', async ({ page }) => {
  await page.goto(host.url);
  await login(page, ADMIN);
  await nav(page, 'Audit trail');
  const rows = page.locator('section[aria-labelledby="at-title"] tbody tr');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(2);

  await page.getByRole('combobox', { name: /^Entity/ }).selectOption('user');
  await page.getByRole('combobox', { name: /^Action/ }).selectOption('user.create');
  // The first admin and the clinician.
  await expect(rows).toHaveCount(2);
  await page.getByRole('combobox', { name: /^Entity/ }).selectOption('');
  await page.getByRole('combobox', { name: /^Action/ }).selectOption('auth.login');
  await page.getByRole('combobox', { name: /^User/ }).selectOption({ label: CLINICIAN.username });
  await page.getByLabel(/^From/).fill(today());
  await page.getByLabel('To', { exact: true }).fill(today());
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(CLINICIAN.username);
  await checkScreen(page, 'audit-filtered');
  // A day before anything happened shows nothing.
  await page.getByLabel(/^From/).fill('2020-01-01');
  await page.getByLabel('To', { exact: true }).fill('2020-01-02');
  await expect(page.getByText('No entry matches.')).toBeVisible();
  await expect(rows).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear the filter' }).click();
  await expect(rows).not.toHaveCount(0);

  // ---- the whole trail, CSV and JSON
  await page.getByTestId('audit-export').click();
  const result = page.getByTestId('audit-export-result');
  await expect(result).toContainText('the trail verified intact');
  await checkScreen(page, 'audit-export-done');
  const manifestPath = (await page.getByTestId('audit-manifest-path').innerText()).trim();
  expect(manifestPath.startsWith(path.join(host.stationDir, 'exports'))).toBe(true);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as AuditExportManifest;
  expect(manifest.verification.ok).toBe(true);
  expect(manifest.chainProof.complete).toBe(true);
  expect(manifest.files.map((f) => f.format).sort()).toEqual(['csv', 'json']);
  expect(manifest.rows).toBe(manifest.chainProof.head.rows); // every row up to the head it proves

  const auditKey = openKeyVault({ dir: host.keyDir, sealer: sealerFromEnvironment() }).forDataDir(host.stationDir).get('audit');
  expect(auditKey).toBeDefined();
  expect(await verifyAuditExport(manifestPath, auditKey)).toMatchObject({ ok: true, problems: [], rows: manifest.rows });

  // One byte changed in the CSV afterwards: the export no longer verifies, and says which file.
  const csv = path.join(path.dirname(manifestPath), manifest.files.find((f) => f.format === 'csv')!.name);
  writeFileSync(csv, readFileSync(csv, 'utf8').replace('user.create', 'user.cr3ate'));
  const tampered = await verifyAuditExport(manifestPath, auditKey);
  expect(tampered.ok).toBe(false);
  expect(tampered.problems.map((p) => p.code)).toEqual(['file-hash-mismatch']);
});
