// What a packaged station is made of, read from the packaging config and the built bundles:
// the fuse set, the files list, and a main bundle without test hooks or the simulator's CLI, with
// no DevTools and no menu when packaged; and Electron's static scanner finds nothing but its review
// notice for the preload. (Packaging itself, against a stand-in Electron: tests/integration/release.)
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options } from '@electron/fuses';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSP, RENDERER_HEADERS } from '../../../electron/host/web.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);
const config = require(join(ROOT, 'electron-builder.config.cjs')) as {
  files: string[];
  extraMetadata: { main: string };
  asar: boolean;
  electronFuses: Record<string, boolean>;
  linux: { target: string[] };
  win: { target: string[] };
};
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; devDependencies: Record<string, string>; dependencies: Record<string, string> };

/** electron-builder's option name for each fuse of @electron/fuses, and the state we ship. */
const FUSES: [FuseV1Options, string, boolean][] = [
  [FuseV1Options.RunAsNode, 'runAsNode', false],
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable, 'enableNodeOptionsEnvironmentVariable', false],
  [FuseV1Options.EnableNodeCliInspectArguments, 'enableNodeCliInspectArguments', false],
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, 'enableEmbeddedAsarIntegrityValidation', true],
  [FuseV1Options.OnlyLoadAppFromAsar, 'onlyLoadAppFromAsar', true],
];

describe('the packaging config', () => {
  it('sets the fuses: RunAsNode, NODE_OPTIONS and --inspect off; asar integrity and load-only-from-asar on', () => {
    for (const [fuse, option, state] of FUSES) expect([FuseV1Options[fuse], config.electronFuses[option]]).toEqual([FuseV1Options[fuse], state]);
    expect(config.asar).toBe(true);
  });

  it('packs the built bundles and package.json only: no sources, no tests, no source maps', () => {
    expect(config.files).toEqual(['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/**/*', 'package.json', '!**/*.map']);
    expect(config.extraMetadata.main).toBe('dist/electron/main.js');
    for (const f of config.files) expect(f).not.toMatch(/^(electron|device|renderer|tests|scripts)\//);
  });

  it('builds AppImage and deb for Linux, NSIS for Windows, with electron-builder pinned', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(pkg.scripts.dist).toContain('--linux AppImage deb --win nsis');
    for (const name of ['electron-builder', '@electron/fuses', '@doyensec/electronegativity', 'electron']) expect(pkg.devDependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
    // Build-time only: bundled into the renderer, not shipped as modules.
    for (const name of ['react', 'react-dom', 'vite']) expect(pkg.dependencies[name]).toBeUndefined();
  });
});

describe('the built main bundle', () => {
  let main: string;
  let preload: string;
  beforeAll(() => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'main', 'preload'], { cwd: ROOT, stdio: 'pipe' });
    main = readFileSync(join(ROOT, 'dist/electron/main.js'), 'utf8');
    preload = readFileSync(join(ROOT, 'dist/electron/preload.cjs'), 'utf8');
  }, 120_000);

  it('holds no test hooks and no simulator CLI; the simulator itself stays (training mode)', () => {
    for (const mark of ['testHookRoutes', '/__test/', 'MESO_TEST_HOOKS', 'sim/cli', 'readline']) expect(main, mark).not.toContain(mark);
    expect(main).toContain('class SimulatedGun');
  });

  it('turns DevTools and the default menu off when packaged, and middle-click windows off', () => {
    expect(main).toMatch(/if \(app\.isPackaged\) Menu\.setApplicationMenu\(null\)/);
    expect(main).toMatch(/devTools: !app\.isPackaged/);
    expect(main).toContain('disableBlinkFeatures: "Auxclick"');
    for (const pref of ['sandbox: true', 'contextIsolation: true', 'nodeIntegration: false', 'webviewTag: false']) expect(main).toContain(pref);
  });

  it('the preload exposes the contract bridge and nothing else', () => {
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toContain('exposeInMainWorld("station"');
  });

  it('the CSP the Electron headers carry is the one both hosts use', () => {
    expect(RENDERER_HEADERS['Content-Security-Policy']).toBe(CSP);
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).toContain("object-src 'none'");
  });
});

describe("Electron's static scanner (electronegativity, offline)", () => {
  it('finds nothing on electron/ but its review notice for the preload', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/scan.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(join(ROOT, '.tmp/electronegativity.json'), 'utf8')) as { checks: number; findings: { id: string; where: string }[] };
    expect(report.checks).toBeGreaterThan(30);
    expect(report.findings).toEqual([expect.objectContaining({ id: 'PRELOAD_JS_CHECK', where: expect.stringMatching(/^main\.ts:/) })]);
  }, 120_000);
});
