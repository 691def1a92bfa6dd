// The Electron station itself, wherever Electron's binary is installed: it starts on the built main
// bundle, opens the one window on app://station with the first-run screen, and the page has the
// contract bridge and nothing of Node. Where the binary is not installed (it cannot be downloaded
// without the internet, as on the CI machine), the test is skipped and says so; npm start then uses
// the browser host, which every other end-to-end test drives.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function electronBinary(): string | null {
  const pkg = join(ROOT, 'node_modules/electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const bin = join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(pkg, 'dist'), readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? bin : null;
}

const bin = electronBinary();

test('the Electron station opens its window with the first-run screen, the bridge and no Node', async () => {
  test.skip(
    bin === null,
    "Electron's binary is not installed here (node_modules/electron/path.txt is missing: Electron downloads it from GitHub, which this machine cannot reach). npm start falls back to the browser host, which the other end-to-end tests drive.",
  );
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'renderer', 'main', 'preload'], { cwd: ROOT, stdio: 'inherit' });
  const profile = mkdtempSync(join(tmpdir(), 'meso-electron-'));
  const app = await electron.launch({ executablePath: bin!, args: [join(ROOT, 'dist/electron/main.js'), `--user-data-dir=${profile}`, '--simulate'], cwd: ROOT });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/Meso station/);
    expect(page.url()).toBe('app://station/index.html');
    await expect(page.getByRole('heading', { name: 'Create the administrator' })).toBeVisible({ timeout: 30_000 });
    expect(await page.evaluate(() => Object.keys((window as unknown as { station: object }).station).sort())).toEqual(['call', 'on']);
    expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  } finally {
    await app.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
