// The one test over a real socat pty pair: the simulator attaches with serialport, lets go when
// the cable is pulled, and comes back on replug and after a reboot.
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameDecoder, encodeFrame, type Frame } from '../../../device/protocol/index.js';
import { GunSimulator } from '../../../device/sim/GunSimulator.js';
import { SimulatedGun } from '../../../device/sim/harness.js';
import { PtyPair } from '../../../device/sim/ptyPair.js';
import { tempStateFile } from './fakeStation.js';

class StationPort {
  readonly frames: Frame[] = [];
  private readonly decoder = new FrameDecoder('gun');
  closed = false;
  private constructor(readonly port: SerialPort) {
    port.on('data', (d: Buffer) => {
      for (const r of this.decoder.push(d)) if (r.ok) this.frames.push(r.frame);
    });
    port.on('close', () => (this.closed = true));
    port.on('error', () => undefined);
  }
  static async open(path: string): Promise<StationPort> {
    const port = new SerialPort({ path, baudRate: 115_200, autoOpen: false });
    await new Promise<void>((res, rej) => port.open((e) => (e ? rej(e) : res())));
    return new StationPort(port);
  }
  async hello(seq: number): Promise<Frame> {
    this.port.write(Buffer.from(encodeFrame({ seq, message: { type: 'HELLO', protocolVersion: 1, stationName: 'pty test' } })));
    return waitFor(() => this.frames.find((f) => f.ack === seq && f.message.type === 'IDENTITY'));
  }
  async close(): Promise<void> {
    if (this.port.isOpen) await new Promise<void>((res) => this.port.close(() => res()));
  }
}

async function waitFor<T>(get: () => T | undefined | false, ms = 3000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

let gun: SimulatedGun | null = null;
const ports: StationPort[] = [];
afterEach(async () => {
  for (const p of ports.splice(0)) await p.close();
  await gun?.stop();
  gun = null;
});

describe('SimulatedGun over socat', () => {
  it('attaches, detaches on unplug, re-attaches on replug and after a reboot', async () => {
    gun = await SimulatedGun.start({ serial: 'SIM-PTY1', seed: 5 });
    const sim = gun;
    expect(sim.attached).toBe(true);

    const a = await StationPort.open(gun.stationPath);
    ports.push(a);
    const id = await a.hello(1);
    expect(id.message).toMatchObject({ type: 'IDENTITY', serial: 'SIM-PTY1' });
    await waitFor(() => a.frames.some((f) => f.message.type === 'STATUS'), 2000);

    let detached = 0;
    sim.on('detached', () => detached++);
    await gun.unplug();
    expect(sim.attached).toBe(false);
    expect(detached).toBe(1);
    await waitFor(() => a.closed);

    await gun.replug();
    expect(sim.attached).toBe(true);
    const b = await StationPort.open(gun.stationPath);
    ports.push(b);
    expect((await b.hello(2)).message).toMatchObject({ serial: 'SIM-PTY1' });

    await gun.reboot();
    expect(sim.attached).toBe(true);
    expect((await b.hello(3)).message).toMatchObject({ serial: 'SIM-PTY1' });
    expect(sim.stats.framesIn).toBeGreaterThanOrEqual(2);
  });

  it('notices the hang-up by itself when socat dies (no detach() call)', async () => {
    const pair = new PtyPair();
    const sim = new GunSimulator({ stateFile: tempStateFile() });
    try {
      await pair.plug();
      await sim.attach(pair.gunPath);
      const detached = new Promise<void>((res) => sim.once('detached', () => res()));
      await pair.unplug();
      await detached;
      expect(sim.attached).toBe(false);
    } finally {
      await sim.close();
      await pair.dispose();
    }
  });
});
