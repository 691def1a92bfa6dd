// `npm run sim`: a simulated gun on a pty pair, driven from the keyboard (or a pipe). Prints the
// path the station must open and the pairing code when the station starts pairing.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { SimulatedGun } from './harness.js';

const HELP = `commands:
  help                     this list
  fire N                   press the trigger N times (fires only while armed)
  unplug | replug          pull / reinsert the cable (kills / restarts socat)
  reboot                   power-cycle the gun (keeps its state file)
  corrupt in|out FRACTION  flip a bit in that fraction of bytes (in = from station, out = to station)
  occlude on|off           occlusion fault (blocking)
  empty                    reservoir runs empty
  battery low|ok           low-battery warning
  noack on|off             ignore every request
  needle on|off            needle seated / not seated
  status                   show the gun's state
  quit                     stop (also Ctrl-C or end of input)`;

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: join(tmpdir(), 'meso-sim') },
    serial: { type: 'string' },
    seed: { type: 'string' },
    state: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(`usage: npm run sim -- [--dir DIR] [--serial SIM-0001] [--seed N] [--state FILE]\n\n${HELP}`);
  process.exit(0);
}

const dir = values.dir;
const seed = values.seed === undefined ? undefined : Number(values.seed);
if (seed !== undefined && !Number.isInteger(seed)) {
  console.error(`--seed must be an integer, got ${values.seed}`);
  process.exit(2);
}

const gun = await SimulatedGun.start({ dir, serial: values.serial, seed, stateFile: values.state ?? join(dir, 'gun-state.jsonl') });
const model = gun.model;

const banner = `  Station port:  ${gun.stationPath}  `;
console.log(`\n${'='.repeat(banner.length)}\n${banner}\n${'='.repeat(banner.length)}`);
console.log(`gun ${model.serial} (${model.model}), ${model.log.length} records in its log. Type "help".\n`);

model.on('pairing-code', (code) => console.log(`\n  >>> PAIRING CODE: ${code} <<<\n`));
model.on('paired', () => console.log('paired'));
model.on('armed', () => console.log('armed'));
model.on('disarmed', (reason) => console.log(`disarmed (${reason})`));
model.on('shot', (r) => console.log(`shot #${r.recordId}: ${r.deliveredNl} nL of ${r.commandedNl} nL${r.fault ? ` (fault ${r.fault})` : ''}`));
model.on('fault', (name, active) => console.log(`fault ${name} ${active ? 'ACTIVE' : 'cleared'}`));
model.on('heartbeat-lost', () => console.log('station heartbeat lost'));
model.on('session-dropped', (reason) => console.log(`session dropped (${reason}): disarmed, the station must authenticate again`));
gun.on('detached', () => console.log('gun port closed'));

function status(): string {
  const c = model;
  return [
    `serial ${c.serial}, ${gun.plugged ? 'plugged' : 'unplugged'}, ${gun.attached ? 'attached' : 'detached'}`,
    `paired ${c.paired}, authenticated ${c.authenticated}, armed ${c.armed}, pending presses ${c.pendingShots}`,
    `profile ${c.profile ? JSON.stringify(c.profile) : 'none'}`,
    `reservoir ${c.reservoirNl} nL, battery ${c.batteryPct} %, needle ${c.needleSeated ? 'seated' : 'not seated'}`,
    `faults ${c.activeFaults.join(', ') || 'none'}`,
    `records: last id ${c.lastRecordId}, unacknowledged ${c.unackedRecordIds.length}, delivered total ${c.totalDeliveredNl()} nL`,
    `stats ${JSON.stringify(c.stats)}`,
  ].join('\n');
}

const onOff = (v: string | undefined): boolean | null => (v === 'on' ? true : v === 'off' ? false : null);

async function run(line: string): Promise<boolean> {
  const [cmd, a, b] = line.trim().split(/\s+/);
  switch (cmd) {
    case undefined:
    case '':
      return true;
    case 'help':
      console.log(HELP);
      return true;
    case 'fire': {
      const n = a === undefined ? 1 : Number(a);
      if (!Number.isInteger(n) || n < 1) throw new Error('fire N: N is a whole number of presses');
      if (!model.armed) console.log('not armed: the presses are dropped');
      model.fire(n);
      return true;
    }
    case 'unplug':
      await gun.unplug();
      return true;
    case 'replug':
      await gun.replug();
      console.log(`replugged: ${gun.stationPath}`);
      return true;
    case 'reboot':
      await gun.reboot();
      console.log('rebooted');
      return true;
    case 'corrupt': {
      const f = Number(b);
      if ((a !== 'in' && a !== 'out') || !(f >= 0 && f <= 1)) throw new Error('corrupt in|out FRACTION (0..1)');
      model.setCorruption(a === 'in' ? { fromStation: f } : { toStation: f });
      return true;
    }
    case 'occlude':
    case 'noack':
    case 'needle': {
      const v = onOff(a);
      if (v === null) throw new Error(`${cmd} on|off`);
      if (cmd === 'occlude') model.occlude(v);
      else if (cmd === 'noack') model.stopAcknowledging(v);
      else model.setNeedleSeated(v);
      return true;
    }
    case 'empty':
      model.runEmpty();
      return true;
    case 'battery':
      if (a !== 'low' && a !== 'ok') throw new Error('battery low|ok');
      model.lowBattery(a === 'low');
      return true;
    case 'status':
      console.log(status());
      return true;
    case 'quit':
    case 'exit':
      return false;
    default:
      throw new Error(`unknown command "${cmd}" (try help)`);
  }
}

let stopping: Promise<void> | null = null;
function shutdown(): Promise<void> {
  stopping ??= (async () => {
    rl.close();
    await gun.stop();
    console.log('simulator stopped');
    process.exit(0);
  })();
  return stopping;
}

// Without a TTY (piped input, CI) readline still works line by line; no prompt is drawn.
const rl = createInterface({ input: process.stdin, terminal: Boolean(process.stdin.isTTY) });
let queue = Promise.resolve();
rl.on('line', (line) => {
  queue = queue.then(async () => {
    if (stopping) return;
    try {
      if (!(await run(line))) await shutdown();
    } catch (e) {
      console.log(`error: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
});
rl.on('close', () => void queue.then(shutdown));
// In a terminal readline swallows Ctrl-C and reports it here instead of to the process.
rl.on('SIGINT', () => void shutdown());
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
