// The layer rules are only worth having if the linter really enforces them: lint probe sources as if
// they stood in each layer and expect the crossing imports to be refused.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });

async function refusals(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries', () => {
  it('keeps electron and the core out of device/', async () => {
    const r = await refusals('device/link/probe.ts', "import 'electron';\nimport '../../electron/core/errors.js';\nimport '../protocol/index.js';\n");
    expect(r).toHaveLength(2);
  });

  it('allows electron only in main.ts and preload.ts', async () => {
    expect(await refusals('electron/core/probe.ts', "import 'electron';\n")).toHaveLength(1);
    expect(await refusals('electron/core/probe.ts', "import 'electron-store';\n")).toHaveLength(1);
    expect(await refusals('electron/main.ts', "import 'electron';\n")).toHaveLength(0);
    expect(await refusals('electron/preload.ts', "import 'electron';\n")).toHaveLength(0);
  });

  it('enters the link only through device/link/index.ts, from the core, the simulator and the tests', async () => {
    const parts = "import '../../../device/link/GunLink.js';\nimport '../../../device/link/types.js';\nimport '../../../device/link/index.js';\n";
    const refused = await refusals('electron/core/gun/probe.ts', parts);
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatch(/GunLink\.js.*only through its entry point, device\/link\/index\.js/);
    expect(await refusals('tests/integration/link/probe.ts', parts)).toHaveLength(2);
    expect(await refusals('device/sim/probe.ts', "import '../link/requestQueue.js';\nimport '../link/index.js';\n")).toHaveLength(1);
    expect(await refusals('electron/main.ts', "import '../device/link/port.js';\n")).toHaveLength(1);
    // Inside the link, and in its own unit tests, the parts are reachable.
    expect(await refusals('device/link/probe.ts', "import './requestQueue.js';\nimport './frameGuard.js';\n")).toHaveLength(0);
    expect(await refusals('tests/unit/link/probe.ts', parts)).toHaveLength(0);
  });

  it('keeps Node, the device layer and the core out of the renderer', async () => {
    const r = await refusals(
      'renderer/probe.tsx',
      "import 'node:fs';\nimport 'fs';\nimport '../device/protocol/index.js';\nimport '../electron/core/errors.js';\nimport 'serialport';\nimport '../electron/contract/index.js';\n",
    );
    expect(r).toHaveLength(5);
  });
});
