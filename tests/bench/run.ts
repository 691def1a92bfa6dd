// `npm run bench -- <name...>`: runs the named benchmarks (all when none is named). Each prints one
// JSON line holding its figures and the baseline they are compared against, measured in the same run.
export {};

type Bench = () => Promise<Record<string, number | string | boolean>>;

const BENCHES: Record<string, () => Promise<Bench>> = {
  link: async () => (await import('./link.js')).runLinkBench,
  core: async () => (await import('./core.js')).runCoreBench,
  ui: async () => (await import('./ui.js')).runUiBench,
  export: async () => (await import('./export.js')).runExportBench,
  quality: async () => (await import('./quality.js')).runQualityBench,
};

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = requested.length > 0 ? requested : Object.keys(BENCHES);
const unknown = names.filter((n) => !(n in BENCHES));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}

let failed = false;
for (const name of names) {
  try {
    const run = await BENCHES[name]!();
    const figures = await run();
    console.log(JSON.stringify(figures));
  } catch (e) {
    failed = true;
    console.error(`benchmark ${name} failed: ${(e as Error).stack ?? String(e)}`);
  }
}
process.exit(failed ? 1 : 0);
