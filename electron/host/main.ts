// npm run host -- [--port 8787] [--data-dir DIR] [--key-dir DIR] [--training] [--gun /dev/ttyACM0]
// Serves the built renderer (npm run host builds it first) and the station over WebSocket on
// 127.0.0.1 only, and prints the one address (with its per-launch token) to open. --training (alias
// --simulate) runs the simulated gun on the training folder; without it the station is clinical and
// never starts the simulator.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { StartRefusal } from '../core/startup/errors.js';
import { startHost } from './host.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8787' },
    'data-dir': { type: 'string', default: '.station-data' },
    training: { type: 'boolean', default: false },
    simulate: { type: 'boolean', default: false },
    gun: { type: 'string' },
    help: { type: 'boolean', default: false },
    // Keys and encryption at rest (issue 11)
    'key-dir': { type: 'string' },
    'encrypt-existing': { type: 'string' },
    'accept-restored-database': { type: 'boolean', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log(`usage: npm run host -- [--port N] [--data-dir DIR] [--key-dir DIR] [--training] [--gun PATH]
  --training                     training mode: the built-in simulated gun, on DIR/training (never the clinical data); --simulate is the same
  --gun PATH                     the gun's serial port (in training mode: a simulator started with npm run sim)
  --key-dir DIR                  the key folder, outside the data folder (default: MESO_KEY_DIR, else ~/.config/meso-station/keys)
  --encrypt-existing keep|remove encrypt a database written before encryption at rest; keep or remove the plain copy
  --accept-restored-database     start on a database older than the audit checkpoint (a restored backup); recorded
  MESO_KEYSTORE_SECRET           a 32-byte secret (base64 or hex) that seals the key files`);
  process.exit(0);
}
const encryptExisting = values['encrypt-existing'];
if (encryptExisting !== undefined && encryptExisting !== 'keep' && encryptExisting !== 'remove') {
  console.error(`--encrypt-existing must be keep or remove, got ${encryptExisting}`);
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0..65535, got ${values.port}`);
  process.exit(2);
}

const training = values.training || values.simulate;
const host = await startHost({
  port,
  dataDir: values['data-dir'],
  training,
  gunPath: values.gun,
  staticDir: fileURLToPath(new URL('../../dist/renderer', import.meta.url)),
  testHooks: process.env.MESO_TEST_HOOKS === '1',
  keyDir: values['key-dir'],
  plainDatabase: encryptExisting,
  acceptRestoredDatabase: values['accept-restored-database'],
}).catch((e: unknown) => {
  // A refusal is a message for the person at the terminal, not a crash: no stack.
  if (e instanceof StartRefusal) {
    console.error(`\nThe station did not start.\n${e.message}\n`);
    process.exit(1);
  }
  throw e;
});

console.log(`\nMeso station (browser host)${training ? ' in TRAINING mode (simulated gun, training data)' : ''}\nOpen: ${host.server.url}\n`);
if (process.env.MESO_TEST_HOOKS === '1') console.log('test hooks are ON (MESO_TEST_HOOKS=1)');

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping`);
  await host.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
