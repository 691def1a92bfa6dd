// `npm start`'s decisions, with Electron's binary absent as it is here: fakes for spawn and the files,
// so each branch runs whatever the machine has. What each branch must do:
//   binary present            -> builds (reused when unchanged), then Electron on dist/electron/main.js
//   absent, install works     -> Electron's install step once, then Electron
//   absent, install fails     -> three lines, then the browser host; an app window of the system's
//                                Chromium with a fresh profile, else the address; never a stack trace
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILDS, STAMP_FILE, appWindowArgs, ensureBuilt, start, type Child, type Deps } from '../../../scripts/start-lib.mjs';

const ROOT = '/app';
const NODE = '/usr/bin/node';
const ELECTRON_BIN = join(ROOT, 'node_modules/electron/dist/electron');
const URL_ = 'http://127.0.0.1:40000/#token=abc123';

type Behaviour = { code: number; stdout?: string; stderr?: string; effect?: () => void; error?: Error; hold?: boolean };

class FakeChild extends EventEmitter implements Child {
  stdout = new EventEmitter();
  stderr = new EventEmitter();
  killed: string[] = [];
  exit(code: number): void {
    this.emit('exit', code, null);
  }
  kill(signal = 'SIGTERM'): void {
    this.killed.push(signal);
    setImmediate(() => this.exit(signal === 'SIGTERM' ? 0 : 1));
  }
}

interface World {
  deps: Deps;
  files: Map<string, string>;
  calls: { cmd: string; args: string[]; child: FakeChild }[];
  out: string[];
  err: string[];
  signal?: (s: string) => void;
}

function world(opts: { electron?: boolean; browser?: string | null; display?: boolean; behave?: (cmd: string, args: string[], w: World) => Behaviour; argv?: string[] } = {}): World {
  const files = new Map<string, string>([
    [join(ROOT, 'renderer/App.tsx'), 'app v1'],
    [join(ROOT, 'electron/main.ts'), 'main v1'],
    [join(ROOT, 'device/protocol/frame.ts'), 'frame v1'],
    [join(ROOT, 'vite.config.ts'), 'config'],
    [join(ROOT, 'package.json'), '{}'],
    [join(ROOT, 'node_modules/electron/package.json'), '{}'],
    [join(ROOT, 'node_modules/electron/install.js'), '//'],
  ]);
  const installElectron = () => {
    files.set(join(ROOT, 'node_modules/electron/path.txt'), 'electron');
    files.set(ELECTRON_BIN, 'ELF');
  };
  if (opts.electron) installElectron();
  if (opts.browser) files.set(opts.browser, 'ELF');
  const w: World = {
    files,
    calls: [],
    out: [],
    err: [],
    deps: undefined as unknown as Deps,
  };
  const defaultBehave = (cmd: string, args: string[]): Behaviour => {
    if (args[0]?.endsWith('vite.js')) return { code: 0, effect: () => files.set(join(ROOT, BUILDS[args.includes('main') ? 'main' : args.includes('preload') ? 'preload' : 'renderer'].output), 'built') };
    if (args[0]?.endsWith('install.js')) return { code: 1, stderr: 'TypeError: fetch failed\n    at node:internal/deps/undici:1:1\n' };
    if (args.includes('--import')) return { code: 0, stdout: `\nMeso station (browser host)\nOpen: ${URL_}\n\n`, hold: true };
    return { code: 0, hold: true };
  };
  w.deps = {
    root: ROOT,
    argv: opts.argv ?? [],
    env: { PATH: '/usr/local/bin:/usr/bin', ...(opts.display === false ? {} : { DISPLAY: ':0' }) },
    platform: 'linux',
    isRoot: false,
    execPath: NODE,
    spawn(cmd, args) {
      const child = new FakeChild();
      w.calls.push({ cmd, args, child });
      const b = (opts.behave ?? defaultBehave)(cmd, args, w) ?? defaultBehave(cmd, args);
      setImmediate(() => {
        if (b.error) return void child.emit('error', b.error);
        if (b.stdout) child.stdout.emit('data', Buffer.from(b.stdout));
        if (b.stderr) child.stderr.emit('data', Buffer.from(b.stderr));
        b.effect?.();
        if (!b.hold) child.exit(b.code);
      });
      return child;
    },
    exists: (p) => files.has(p) || [...files.keys()].some((f) => f.startsWith(`${p}/`)),
    readFile: (p) => {
      const v = files.get(p);
      if (v === undefined) throw Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' });
      return v;
    },
    writeFile: (p, t) => void files.set(p, t),
    listFiles: (dir) => [...files.keys()].filter((f) => f.startsWith(`${dir}/`)),
    tempDir: (prefix) => `/tmp/${prefix}X1`,
    removeDir: (p) => void files.set(`${p}.removed`, 'yes'),
    out: (l) => void w.out.push(l),
    err: (l) => void w.err.push(l),
    onSignal: (cb) => void (w.signal = cb),
  };
  return w;
}

const viteBuilds = (w: World) => w.calls.filter((c) => c.args[0]?.endsWith('vite.js')).map((c) => (c.args.includes('--mode') ? c.args[c.args.indexOf('--mode') + 1] : 'renderer'));
const noStack = (w: World) => [...w.out, ...w.err].every((l) => !/^\s+at /m.test(l) && !/Error:.*\n\s+at /.test(l));

/** Lets the fake children run until `pred` holds. */
async function until(pred: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !pred(); i++) await new Promise((r) => setImmediate(r));
  expect(pred()).toBe(true);
}

describe('npm start with Electron present', () => {
  it('builds the three bundles, then opens Electron on the main bundle with the given arguments', async () => {
    const w = world({ electron: true, argv: ['--gun=/dev/ttyACM0'] });
    const code = start(w.deps);
    await until(() => w.calls.some((c) => c.cmd === ELECTRON_BIN));
    expect(viteBuilds(w)).toEqual(['renderer', 'main', 'preload']);
    const electron = w.calls.find((c) => c.cmd === ELECTRON_BIN)!;
    expect(electron.args).toEqual([join(ROOT, 'dist/electron/main.js'), '--gun=/dev/ttyACM0']);
    expect(w.calls.some((c) => c.args[0]?.endsWith('install.js'))).toBe(false);
    electron.child.exit(0);
    expect(await code).toBe(0);
  });

  it('reuses the builds while the sources are unchanged, and rebuilds after a change', async () => {
    const w = world({ electron: true });
    expect(await ensureBuilt(w.deps, ['renderer', 'main', 'preload'])).toEqual({ built: ['renderer', 'main', 'preload'], reused: [] });
    expect(await ensureBuilt(w.deps, ['renderer', 'main', 'preload'])).toEqual({ built: [], reused: ['renderer', 'main', 'preload'] });
    expect(viteBuilds(w)).toHaveLength(3);
    w.files.set(join(ROOT, 'electron/main.ts'), 'main v2');
    expect((await ensureBuilt(w.deps, ['renderer'])).built).toEqual(['renderer']);
    // A deleted output is rebuilt even with a matching stamp.
    w.files.delete(join(ROOT, BUILDS.main.output));
    expect((await ensureBuilt(w.deps, ['main', 'preload'])).built).toEqual(['main', 'preload']);
    expect(JSON.parse(w.files.get(join(ROOT, STAMP_FILE))!)).toEqual({ renderer: expect.any(String), main: expect.any(String), preload: expect.any(String) });
  });

  it('a failed build is one line and exit 1, no stack, no Electron', async () => {
    const w = world({ electron: true, behave: (_c, args) => (args[0]?.endsWith('vite.js') ? { code: 2 } : { code: 0, hold: true }) });
    expect(await start(w.deps)).toBe(1);
    expect(w.err).toEqual(['The renderer build failed (vite exited with 2); its messages are above.']);
    expect(w.calls.some((c) => c.cmd === ELECTRON_BIN)).toBe(false);
  });
});

describe('npm start with Electron absent', () => {
  it("runs Electron's install step once; when it installs the binary, opens Electron", async () => {
    const w = world({
      behave: (_c, args, ww) =>
        args[0]?.endsWith('install.js')
          ? { code: 0, effect: () => (ww.files.set(join(ROOT, 'node_modules/electron/path.txt'), 'electron'), ww.files.set(ELECTRON_BIN, 'ELF')) }
          : (undefined as unknown as Behaviour),
    });
    const code = start(w.deps);
    await until(() => w.calls.some((c) => c.cmd === ELECTRON_BIN));
    expect(w.calls.filter((c) => c.args[0]?.endsWith('install.js'))).toHaveLength(1);
    w.calls.find((c) => c.cmd === ELECTRON_BIN)!.child.exit(0);
    expect(await code).toBe(0);
    expect(w.err).toEqual([]);
  });

  it('offline: three lines, then the browser host in an app window of Chromium with a fresh profile; closing it stops the station', async () => {
    const w = world({ browser: '/usr/bin/chromium', argv: ['--simulate'] });
    const code = start(w.deps);
    await until(() => w.calls.some((c) => c.cmd === '/usr/bin/chromium'));
    expect(w.calls.filter((c) => c.args[0]?.endsWith('install.js'))).toHaveLength(1);
    expect(w.err).toEqual([
      'Electron could not be installed here (TypeError: fetch failed).',
      'Starting the same station in the browser host instead (same screens, same core).',
      'For the Electron window later: run npm start again where the internet is reachable.',
    ]);
    const host = w.calls.find((c) => c.args.includes('--import'))!;
    expect(host.args).toEqual(['--import', 'tsx', join(ROOT, 'electron/host/main.ts'), '--port', '0', '--simulate']);
    // Only the renderer is built for the browser host.
    expect(viteBuilds(w)).toEqual(['renderer']);
    const browser = w.calls.find((c) => c.cmd === '/usr/bin/chromium')!;
    expect(browser.args).toEqual(appWindowArgs(URL_, '/tmp/meso-station-window-X1', false));
    expect(browser.args[0]).toBe(`--app=${URL_}`);
    expect(w.out).toContain('The station is open in an app window of /usr/bin/chromium. Close the window to stop the station.');

    browser.child.exit(0);
    expect(await code).toBe(0);
    expect(host.child.killed).toEqual(['SIGTERM']);
    expect(w.files.get('/tmp/meso-station-window-X1.removed')).toBe('yes');
    expect(noStack(w)).toBe(true);
  });

  it('offline with no Chromium or Chrome: prints the address and keeps the station running until it is stopped', async () => {
    const w = world({ browser: null });
    const code = start(w.deps);
    await until(() => w.out.some((l) => l.includes('open http://')));
    expect(w.out).toContain(`No Chromium or Chrome found: open ${URL_} in a browser on this computer. Ctrl-C stops the station.`);
    w.signal!('SIGINT');
    const host = w.calls.find((c) => c.args.includes('--import'))!;
    expect(host.child.killed).toEqual(['SIGINT']);
    expect(await code).toBe(1);
  });

  it('offline with Chromium but no display: prints the address', async () => {
    const w = world({ browser: '/usr/bin/chromium', display: false });
    const code = start(w.deps);
    await until(() => w.out.some((l) => l.startsWith('No display')));
    expect(w.calls.some((c) => c.cmd === '/usr/bin/chromium')).toBe(false);
    w.signal!('SIGTERM');
    expect(await code).toBe(0);
  });

  it('an app window that cannot open leaves the station at its address', async () => {
    const w = world({ browser: '/usr/bin/chromium', behave: (cmd) => (cmd === '/usr/bin/chromium' ? { code: 1 } : (undefined as unknown as Behaviour)) });
    const code = start(w.deps);
    await until(() => w.out.some((l) => l.startsWith('The app window did not open')));
    expect(w.out.at(-1)).toBe(`The app window did not open (/usr/bin/chromium exited with 1): open ${URL_} in a browser on this computer. Ctrl-C stops the station.`);
    w.signal!('SIGTERM');
    expect(await code).toBe(0);
  });

  it('a host that refuses to start (say, no key) ends npm start with its own message and a failure code, no stack', async () => {
    const w = world({ browser: '/usr/bin/chromium', behave: (_c, args) => (args.includes('--import') ? { code: 1 } : (undefined as unknown as Behaviour)) });
    expect(await start(w.deps)).toBe(1);
    expect(w.calls.some((c) => c.cmd === '/usr/bin/chromium')).toBe(false);
    expect(noStack(w)).toBe(true);
  });

  it('a program that cannot be started at all is a plain failure, not a crash', async () => {
    const w = world({ behave: (_c, args) => (args[0]?.endsWith('install.js') ? { code: 0, error: Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' }) } : (undefined as unknown as Behaviour)) });
    const code = start(w.deps);
    await until(() => w.signal !== undefined);
    expect(w.err[0]).toBe('Electron could not be installed here (exit code -1).');
    w.signal!('SIGTERM');
    await code;
    expect(noStack(w)).toBe(true);
  });

  it('--browser goes straight to the browser host, without trying Electron', async () => {
    const w = world({ electron: true, browser: null, argv: ['--browser'] });
    const code = start(w.deps);
    await until(() => w.out.some((l) => l.includes('open http://')));
    expect(w.calls.some((c) => c.cmd === ELECTRON_BIN || c.args[0]?.endsWith('install.js'))).toBe(false);
    expect(w.err).toEqual([]);
    w.signal!('SIGTERM');
    await code;
  });
});

describe('the app window', () => {
  it('has a fresh profile, no first-run screens, no background calls; --no-sandbox only as root', () => {
    const a = appWindowArgs(URL_, '/tmp/p', false);
    expect(a).toEqual(expect.arrayContaining([`--app=${URL_}`, '--user-data-dir=/tmp/p', '--no-first-run', '--disable-background-networking']));
    expect(a).not.toContain('--no-sandbox');
    expect(appWindowArgs(URL_, '/tmp/p', true)).toContain('--no-sandbox');
  });
});
