// Packaging for real, as far as a machine without the internet allows: electron-builder cannot
// download Electron here, so it packs the app around a stand-in Electron distribution (a file that
// carries Electron's fuse wire with Electron 45's defaults). What that proves: the fuses are flipped
// as configured (read back with @electron/fuses), and app.asar holds exactly the built bundles,
// package.json and the production dependencies. What it cannot: the AppImage, deb and NSIS
// installers themselves (their tools, like Electron, are downloaded), and a run of the packaged app.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as { listPackage(p: string, o?: object): string[]; extractFile(p: string, f: string): Buffer };

/** Electron's fuse sentinel, then wire version 1, 8 fuses: Electron 45's defaults ('1' on, '0' off). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_45_DEFAULTS = '10110001';

let work: string;
let unpacked: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'meso-package-'));
  const dist = join(work, 'electron-dist');
  mkdirSync(join(dist, 'resources'), { recursive: true });
  writeFileSync(join(dist, 'electron'), Buffer.concat([Buffer.from('#!/bin/sh\nexit 0\n# '), Buffer.from(SENTINEL), Buffer.from([1, ELECTRON_45_DEFAULTS.length]), Buffer.from(ELECTRON_45_DEFAULTS)]));
  chmodSync(join(dist, 'electron'), 0o755);
  writeFileSync(join(dist, 'version'), '45.5.0');
  copyFileSync(join(ROOT, 'node_modules/electron/LICENSE'), join(dist, 'LICENSE'));
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), 'renderer', 'main', 'preload'], { cwd: ROOT, stdio: 'pipe' });
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/electron-builder/cli.js'), '--config', 'electron-builder.config.cjs', '--dir', '--linux', `-c.electronDist=${dist}`, `-c.directories.output=${join(work, 'out')}`, '--publish', 'never'],
    { cwd: ROOT, stdio: 'pipe' },
  );
  unpacked = join(work, 'out', 'linux-unpacked');
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packaged station (stand-in Electron)', () => {
  it('has its fuses flipped: RunAsNode, NODE_OPTIONS, --inspect off; asar integrity, load-only-from-asar on', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, 'meso-station'));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
  });

  it('packs the bundles, package.json and production dependencies only', () => {
    const files = asar.listPackage(join(unpacked, 'resources', 'app.asar')).map((f) => f.replace(/\\/g, '/'));
    const own = files.filter((f) => !f.startsWith('/node_modules'));
    // Ours: the two Electron bundles, the renderer's built files, package.json; no map, no source.
    expect(own.filter((f) => !f.startsWith('/dist/renderer')).sort()).toEqual(['/dist', '/dist/electron', '/dist/electron/main.js', '/dist/electron/preload.cjs', '/package.json']);
    expect(own).toContain('/dist/renderer/index.html');
    expect(own.filter((f) => f.endsWith('.map') || /\.tsx?$/.test(f))).toEqual([]);
    const modules = new Set(files.filter((f) => f.startsWith('/node_modules/')).map((f) => f.split('/').slice(2, f.split('/')[2]?.startsWith('@') ? 4 : 3).join('/')));
    for (const runtime of ['libsql', 'serialport', 'electron-store', 'ws', 'zod', 'xstate', 'pdfkit']) expect(modules.has(runtime), runtime).toBe(true);
    for (const devOnly of ['electron', 'vite', 'vitest', 'typescript', 'react', 'react-dom', '@playwright/test', 'electron-builder', '@doyensec/electronegativity', 'tsx']) expect(modules.has(devOnly), devOnly).toBe(false);
    const packed = JSON.parse(asar.extractFile(join(unpacked, 'resources', 'app.asar'), 'package.json').toString()) as { main: string };
    expect(packed.main).toBe('dist/electron/main.js');
    expect(asar.extractFile(join(unpacked, 'resources', 'app.asar'), 'dist/electron/main.js').toString()).not.toContain('/__test/');
  });

  it('carries the serial port’s N-API prebuild unpacked beside the asar (no native rebuild, so it packs offline)', () => {
    const prebuild = join(unpacked, 'resources', 'app.asar.unpacked', 'node_modules', '@serialport', 'bindings-cpp', 'prebuilds', 'linux-x64', '@serialport+bindings-cpp.glibc.node');
    expect(existsSync(prebuild), prebuild).toBe(true);
  });
});
