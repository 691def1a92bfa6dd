// What `npm start` does, as functions of their effects (spawn, files, environment, output), so every
// branch runs in tests with fakes (tests/unit/start/start.test.ts). Plain Node: no TypeScript, no
// dependency, so it runs on a fresh clone before anything is built.
//
//   1. Builds what is stale: each build's inputs are hashed; an output whose stamp matches is reused.
//   2. Electron's binary present            -> the Electron station.
//      absent                               -> Electron's own install step, once (it downloads).
//      that fails (offline, a proxy, ...)   -> three lines saying so, then the same station in the
//                                              browser host, in an app window of the system's
//                                              Chromium or Chrome (fresh profile), else its address.
// No branch ends in a stack trace: every failure is one plain message and an exit code.
import { createHash } from 'node:crypto';
import { join, relative, sep } from 'node:path';

/** The three builds (vite.config.ts picks one by --mode) and what each start needs. */
export const BUILDS = {
  renderer: { args: [], output: 'dist/renderer/index.html' },
  main: { args: ['--mode', 'main'], output: 'dist/electron/main.js' },
  preload: { args: ['--mode', 'preload'], output: 'dist/electron/preload.cjs' },
};
export const STAMP_FILE = 'dist/.build-inputs.json';
/** What the builds read: a change to any of these rebuilds; nothing else does. */
export const BUILD_INPUTS = { dirs: ['renderer', 'electron', 'device'], files: ['vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'] };

/** Browsers that take --app: first found wins; MESO_BROWSER names one explicitly. */
export const BROWSER_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome', 'microsoft-edge'];
const BROWSER_PATHS = {
  darwin: ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'],
  win32: ['C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe', 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe'],
};

export class StartError extends Error {
  /** @param {string} message @param {number} [exitCode] */
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

/**
 * @typedef {{ stdout?: { on(ev: 'data', cb: (d: Buffer | string) => void): void } | null; on(ev: 'exit', cb: (code: number | null, signal: string | null) => void): void; on(ev: 'error', cb: (e: Error) => void): void; kill(signal?: string): void }} Child
 * @typedef {{
 *   root: string;
 *   argv: string[];
 *   env: Record<string, string | undefined>;
 *   platform: string;
 *   isRoot: boolean;
 *   execPath: string;
 *   spawn(cmd: string, args: string[], opts: { stdio: 'inherit' | 'ignore' | 'pipe' | ['ignore', 'pipe', 'inherit']; cwd?: string }): Child;
 *   exists(path: string): boolean;
 *   readFile(path: string): string;
 *   writeFile(path: string, text: string): void;
 *   listFiles(dir: string): string[];
 *   tempDir(prefix: string): string;
 *   removeDir(path: string): void;
 *   out(line: string): void;
 *   err(line: string): void;
 *   onSignal(cb: (signal: string) => void): void;
 * }} Deps
 */

/** SHA-256 over every build input, by relative path and content. @param {Deps} d */
export function inputsHash(d) {
  const h = createHash('sha256');
  const files = [];
  for (const dir of BUILD_INPUTS.dirs) {
    const abs = join(d.root, dir);
    if (d.exists(abs)) files.push(...d.listFiles(abs));
  }
  for (const f of BUILD_INPUTS.files) if (d.exists(join(d.root, f))) files.push(join(d.root, f));
  for (const f of files.map((p) => relative(d.root, p).split(sep).join('/')).sort()) h.update(`${f}\0`).update(d.readFile(join(d.root, f))).update('\0');
  return h.digest('hex');
}

/** @param {Deps} d @returns {Record<string, string>} */
function readStamps(d) {
  try {
    const v = JSON.parse(d.readFile(join(d.root, STAMP_FILE)));
    return typeof v === 'object' && v !== null ? v : {};
  } catch {
    return {};
  }
}

/** Runs a child to its end; resolves with its exit code, never rejects (a spawn error is code -1). @param {Child} child */
export function finished(child) {
  return new Promise((resolve) => {
    let done = false;
    child.on('error', () => {
      if (!done) resolve(-1);
      done = true;
    });
    child.on('exit', (code) => {
      if (!done) resolve(code ?? 1);
      done = true;
    });
  });
}

/**
 * Builds the stale ones of `names`, each once; reuses an output whose stamp matches the inputs.
 * @param {Deps} d @param {(keyof typeof BUILDS)[]} names @returns {Promise<{ built: string[]; reused: string[] }>}
 */
export async function ensureBuilt(d, names) {
  const hash = inputsHash(d);
  const stamps = readStamps(d);
  const built = [];
  const reused = [];
  for (const name of names) {
    const b = BUILDS[name];
    if (stamps[name] === hash && d.exists(join(d.root, b.output))) {
      reused.push(name);
      continue;
    }
    d.out(`building the ${name} (its sources changed) ...`);
    const code = await finished(d.spawn(d.execPath, [join(d.root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn', ...b.args], { stdio: 'inherit', cwd: d.root }));
    if (code !== 0) throw new StartError(`The ${name} build failed (vite exited with ${code}); its messages are above.`);
    stamps[name] = hash;
    d.writeFile(join(d.root, STAMP_FILE), JSON.stringify(stamps, null, 2) + '\n');
    built.push(name);
  }
  return { built, reused };
}

/** The Electron executable if it is installed, else null. Never downloads (require('electron') would). @param {Deps} d */
export function electronBinary(d) {
  const pkg = join(d.root, 'node_modules/electron');
  if (!d.exists(join(pkg, 'package.json'))) return null;
  let rel = '';
  try {
    rel = d.readFile(join(pkg, 'path.txt')).trim();
  } catch {
    return null;
  }
  if (!rel) return null;
  const base = d.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkg, 'dist');
  const bin = join(base, rel);
  return d.exists(bin) ? bin : null;
}

/** Electron's own install step (it downloads the binary), once; its output is kept, not shown. @param {Deps} d */
export async function installElectron(d) {
  const script = join(d.root, 'node_modules/electron/install.js');
  if (!d.exists(script)) return { ok: false, why: 'the electron package is not installed (run npm install)' };
  d.out("Electron's binary is not installed: running Electron's install step (it downloads the binary) ...");
  const child = d.spawn(d.execPath, [script], { stdio: 'pipe', cwd: d.root });
  let log = '';
  for (const s of [child.stdout, /** @type {any} */ (child).stderr]) s?.on('data', (/** @type {Buffer | string} */ b) => (log += String(b)));
  const code = await finished(child);
  if (code === 0 && electronBinary(d)) return { ok: true, why: '' };
  // The first line of its error, never its stack.
  const first = log.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at ')) ?? `exit code ${code}`;
  return { ok: false, why: first.slice(0, 160) };
}

/** The system's Chromium or Chrome, or null. @param {Deps} d */
export function findBrowser(d) {
  if (d.env.MESO_BROWSER) return d.exists(d.env.MESO_BROWSER) ? d.env.MESO_BROWSER : null;
  const dirs = (d.env.PATH ?? '').split(d.platform === 'win32' ? ';' : ':').filter(Boolean);
  for (const name of BROWSER_NAMES)
    for (const dir of dirs) {
      const p = join(dir, d.platform === 'win32' ? `${name}.exe` : name);
      if (d.exists(p)) return p;
    }
  for (const p of BROWSER_PATHS[/** @type {'darwin' | 'win32'} */ (d.platform)] ?? []) if (d.exists(p)) return p;
  return null;
}

/** Arguments for an app window with a fresh profile and no calls home. @param {string} url @param {string} profile @param {boolean} isRoot */
export function appWindowArgs(url, profile, isRoot) {
  return [
    `--app=${url}`,
    `--user-data-dir=${profile}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Chromium refuses to start as root without it; a normal user keeps the sandbox.
    ...(isRoot ? ['--no-sandbox'] : []),
  ];
}

const ADDRESS = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)/;

/**
 * The browser host (the same core and contract), in an app window when a browser is found.
 * Resolves with the exit code once the window is closed (the host is then stopped) or the host ends.
 * @param {Deps} d @param {string[]} args
 */
export async function runBrowserHost(d, args) {
  await ensureBuilt(d, ['renderer']);
  const hostArgs = ['--import', 'tsx', join(d.root, 'electron/host/main.ts'), ...(args.some((a) => a === '--port' || a.startsWith('--port=')) ? [] : ['--port', '0']), ...args];
  const host = d.spawn(d.execPath, hostArgs, { stdio: ['ignore', 'pipe', 'inherit'], cwd: d.root });
  const hostDone = finished(host);
  /** @type {Promise<string | null>} */
  const address = new Promise((resolve) => {
    let seen = '';
    host.stdout?.on('data', (/** @type {Buffer | string} */ b) => {
      const text = String(b);
      for (const line of text.split('\n')) if (line.trim()) d.out(line);
      seen += text;
      const m = ADDRESS.exec(seen);
      if (m) resolve(/** @type {string} */ (m[1]));
    });
    void hostDone.then(() => resolve(null));
  });
  const url = await address;
  if (url === null) return hostDone.then((code) => (code === 0 ? 1 : code));

  /** @type {Child | null} */
  let appWindow = null;
  let profile = null;
  let stopping = false;
  d.onSignal((signal) => {
    stopping = true;
    appWindow?.kill(signal);
    host.kill(signal);
  });
  const browser = findBrowser(d);
  const display = d.platform !== 'linux' || Boolean(d.env.DISPLAY || d.env.WAYLAND_DISPLAY);
  const printAddress = (/** @type {string} */ why) => d.out(`${why}: open ${url} in a browser on this computer. Ctrl-C stops the station.`);
  if (browser && display) {
    profile = d.tempDir('meso-station-window-');
    // Its own chatter (GPU, fonts) is not the station's: not shown.
    appWindow = d.spawn(browser, appWindowArgs(url, profile, d.isRoot), { stdio: 'ignore', cwd: d.root });
    d.out(`The station is open in an app window of ${browser}. Close the window to stop the station.`);
  } else printAddress(browser ? 'No display for an app window' : 'No Chromium or Chrome found');

  try {
    while (true) {
      const first = await Promise.race([hostDone.then((code) => ({ who: 'host', code })), ...(appWindow ? [finished(appWindow).then((code) => ({ who: 'window', code }))] : [])]);
      if (first.who === 'host') {
        appWindow?.kill('SIGTERM');
        return first.code;
      }
      // Closed by the user (or stopped with the station): the station stops with it, as the Electron
      // window's would.
      if (first.code === 0 || stopping) {
        host.kill('SIGTERM');
        await hostDone;
        return 0;
      }
      // The browser could not open the window: the station keeps running, at its address.
      appWindow = null;
      printAddress(`The app window did not open (${browser} exited with ${first.code})`);
    }
  } finally {
    if (profile) d.removeDir(profile);
  }
}

/** `npm start [-- args]`. Resolves with the exit code. @param {Deps} d */
export async function start(d) {
  const args = d.argv;
  const browserOnly = args.includes('--browser');
  const passThrough = args.filter((a) => a !== '--browser');
  try {
    if (!browserOnly) {
      let bin = electronBinary(d);
      let why = '';
      if (!bin) {
        const r = await installElectron(d);
        bin = r.ok ? electronBinary(d) : null;
        why = r.why;
      }
      if (bin) {
        await ensureBuilt(d, ['renderer', 'main', 'preload']);
        return await finished(d.spawn(bin, [join(d.root, 'dist/electron/main.js'), ...passThrough], { stdio: 'inherit', cwd: d.root }));
      }
      // Three lines: what happened, what happens instead, how to get Electron later.
      d.err(`Electron could not be installed here (${why}).`);
      d.err('Starting the same station in the browser host instead (same screens, same core).');
      d.err("For the Electron window later: run npm start again where the internet is reachable.");
    }
    return await runBrowserHost(d, passThrough);
  } catch (e) {
    d.err(e instanceof StartError ? e.message : `npm start failed: ${e instanceof Error ? e.message : String(e)}`);
    return e instanceof StartError ? e.exitCode : 1;
  }
}
