// electron-builder: installers for the station. `npm run dist` builds the three bundles, then:
//   Linux  AppImage and deb          Windows  NSIS (from Linux too)
// Electron's fuses are set at packaging (electron-builder flips them with @electron/fuses):
//   RunAsNode off                        ELECTRON_RUN_AS_NODE cannot turn the app into a Node shell
//   EnableNodeOptionsEnvironmentVariable NODE_OPTIONS / NODE_EXTRA_CA_CERTS ignored
//   EnableNodeCliInspectArguments off    --inspect and SIGUSR1 cannot attach a debugger
//   EnableEmbeddedAsarIntegrityValidation on, OnlyLoadAppFromAsar on: only the shipped app.asar
//     loads, and (Windows, macOS) only if it is the one that was signed
//   EnableCookieEncryption on            (the station keeps no cookies; it costs nothing)
// What goes in: the built bundles and the production dependencies, nothing else: no sources, no
// tests, no source maps. The main bundle holds no test hooks and no simulator CLI (checked by
// tests/unit/release/packaging.test.ts); training mode keeps the simulator itself.
/** @type {import('app-builder-lib').Configuration} */
module.exports = {
  appId: 'org.meso-station.station',
  productName: 'Meso station',
  executableName: 'meso-station',
  copyright: 'Meso station maintainers',
  directories: { output: 'release', buildResources: 'build-resources' },
  extraMetadata: { main: 'dist/electron/main.js' },
  files: ['dist/electron/main.js', 'dist/electron/preload.cjs', 'dist/renderer/**/*', 'package.json', '!**/*.map'],
  asar: true,
  // No native rebuild at packaging: the one native dependency, @serialport/bindings-cpp, ships N-API
  // prebuilds (prebuilds/<platform>-<arch>/*.napi.node), which Electron loads as they are (N-API is
  // ABI-stable). A rebuild would download Electron's headers, which an offline build machine cannot.
  npmRebuild: false,
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    enableCookieEncryption: true,
    loadBrowserProcessSpecificV8Snapshot: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'MedicalSoftware',
    maintainer: 'Meso station maintainers <maintainers@meso-station.invalid>',
    synopsis: 'Treatment-room station for the hair-mesotherapy injection gun',
  },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true },
  publish: null,
};
