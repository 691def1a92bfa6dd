// Three builds from one config, chosen by --mode:
//   (default)  the renderer: renderer/index.html -> dist/renderer (static files, no Node)
//   main       electron/main.ts -> dist/electron/main.js (ESM, Node deps left external)
//   preload    electron/preload.ts -> dist/electron/preload.cjs (CommonJS: sandboxed preloads cannot load ESM)
import { defineConfig, type UserConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

function electronBuild(entry: string, format: 'es' | 'cjs', fileName: string): UserConfig {
  return {
    build: {
      ssr: here(entry),
      outDir: here('./dist/electron'),
      emptyOutDir: false,
      target: 'node22',
      minify: false,
      sourcemap: true,
      rollupOptions: {
        external: ['electron', /^node:/, 'libsql', 'serialport', /^@serialport\//, 'electron-store', 'conf', 'ws'],
        output: { format, entryFileNames: fileName },
      },
    },
    ssr: { noExternal: [] },
  };
}

export default defineConfig(({ mode }) => {
  if (mode === 'main') return electronBuild('./electron/main.ts', 'es', 'main.js');
  if (mode === 'preload') return electronBuild('./electron/preload.ts', 'cjs', 'preload.cjs');
  return {
    root: here('./renderer'),
    base: './',
    plugins: [react()],
    build: {
      outDir: here('./dist/renderer'),
      emptyOutDir: true,
      target: 'chrome120',
      // No inline scripts or styles: the CSP is script-src 'self'; style-src 'self'.
      assetsInlineLimit: 0,
      modulePreload: { polyfill: false },
    },
  };
});
