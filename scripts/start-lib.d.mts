// Types for start-lib.mjs (plain JavaScript so that npm start needs nothing built), for its tests.
export interface Child {
  stdout?: { on(ev: 'data', cb: (d: Buffer | string) => void): void } | null;
  stderr?: { on(ev: 'data', cb: (d: Buffer | string) => void): void } | null;
  on(ev: 'exit', cb: (code: number | null, signal: string | null) => void): void;
  on(ev: 'error', cb: (e: Error) => void): void;
  kill(signal?: string): void;
}
export interface Deps {
  root: string;
  argv: string[];
  env: Record<string, string | undefined>;
  platform: string;
  isRoot: boolean;
  execPath: string;
  spawn(cmd: string, args: string[], opts: { stdio: 'inherit' | 'ignore' | 'pipe' | ['ignore', 'pipe', 'inherit']; cwd?: string }): Child;
  exists(path: string): boolean;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
  listFiles(dir: string): string[];
  tempDir(prefix: string): string;
  removeDir(path: string): void;
  out(line: string): void;
  err(line: string): void;
  onSignal(cb: (signal: string) => void): void;
}
export declare const BUILDS: Record<'renderer' | 'main' | 'preload', { args: string[]; output: string }>;
export declare const STAMP_FILE: string;
export declare const BUILD_INPUTS: { dirs: string[]; files: string[] };
export declare const BROWSER_NAMES: string[];
export declare class StartError extends Error {
  exitCode: number;
  constructor(message: string, exitCode?: number);
}
export declare function inputsHash(d: Deps): string;
export declare function finished(child: Child): Promise<number>;
export declare function ensureBuilt(d: Deps, names: ('renderer' | 'main' | 'preload')[]): Promise<{ built: string[]; reused: string[] }>;
export declare function electronBinary(d: Deps): string | null;
export declare function installElectron(d: Deps): Promise<{ ok: boolean; why: string }>;
export declare function findBrowser(d: Deps): string | null;
export declare function appWindowArgs(url: string, profile: string, isRoot: boolean): string[];
export declare function runBrowserHost(d: Deps, args: string[]): Promise<number>;
export declare function start(d: Deps): Promise<number>;
