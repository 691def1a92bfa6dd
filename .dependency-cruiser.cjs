// Import cycles (issue 9: "only type-only import cycles remain"). A cycle through runtime imports
// makes module evaluation order matter: one side sees the other's exports as undefined while it
// loads, and the layers stop being separable. A cycle made only of `import type` is erased at
// compile time, so it does not count. Layer rules stay in eslint.config.js; this file checks cycles
// only. Run by `npm run lint` (npm run lint:cycles).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycle',
      comment: 'A runtime import cycle in device/, electron/ or renderer/. Break it by moving the shared part into its own module, or make the imports that close the loop type-only.',
      severity: 'error',
      from: { path: '^(device|electron|renderer)/' },
      to: {
        circular: true,
        // The cycle counts only if every step of it is a runtime import.
        viaOnly: { dependencyTypesNot: ['type-only'] },
      },
    },
  ],
  options: {
    includeOnly: '^(device|electron|renderer)/',
    doNotFollow: { path: 'node_modules' },
    // Parse with TypeScript before compilation, so `import type` is seen (and marked type-only).
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
