// A GunLink on a FakePort with a ScriptedGun at the far end, fake timers, and afterEach teardown: the
// rig every link unit test starts from.
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { GunLink, MemoryDoseSink, MemoryKeyStore, type DoseSink, type GunLinkOptions, type LinkState } from '../../../device/link/index.js';
import { FakePort } from '../../support/fakePort.js';
import { ScriptedGun } from '../../support/scriptedGun.js';

export const KEY = new Uint8Array(32).fill(42);
export const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);

export interface Rig {
  port: FakePort;
  gun: ScriptedGun;
  link: GunLink;
  sink: MemoryDoseSink;
  keys: MemoryKeyStore;
  states: LinkState[];
}

export interface RigOptions {
  key?: Uint8Array | null;
  gunKey?: Uint8Array | null;
  sink?: DoseSink;
  link?: Partial<GunLinkOptions>;
}

export interface Rigs {
  /** A link, scripted gun and fake port; the link is stopped after the test whatever happened. */
  rig(opts?: RigOptions): Rig;
  /** Stops a link the test built by hand after the test, too. */
  track(link: GunLink): GunLink;
}

/** Fake timers for the file, and rigs whose links are stopped after each test. */
export function useLinkRigs(): Rigs {
  const links: GunLink[] = [];
  beforeEach(() => vi.useFakeTimers());
  afterEach(async () => {
    for (const link of links.splice(0)) await link.stop();
    vi.useRealTimers();
  });
  return {
    rig: (opts = {}) => {
      const r = rig(opts);
      links.push(r.link);
      return r;
    },
    track: (link) => {
      links.push(link);
      return link;
    },
  };
}

function rig(opts: RigOptions): Rig {
  const port = new FakePort();
  const keys = new MemoryKeyStore();
  const stationKey = opts.key === undefined ? KEY : opts.key;
  if (stationKey) keys.set('SIM-0001', stationKey);
  const gun = new ScriptedGun(port, { key: opts.gunKey === undefined ? stationKey : opts.gunKey });
  const sink = new MemoryDoseSink();
  const link = new GunLink({ path: '/dev/fake', keyStore: keys, sink: opts.sink ?? sink, stationName: 'Room 1', portFactory: port.factory, ...opts.link });
  const states: LinkState[] = [];
  link.on('state', (s) => states.push(s));
  return { port, gun, link, sink, keys, states };
}

export async function ready(r: Rig): Promise<void> {
  r.link.start();
  await tick(10);
  expect(r.link.state).toBe('ready');
}

/** A STATUS as the gun sends it every 500 ms. */
export function statusMessage(over: { armed?: boolean; authenticated?: boolean; lastRecordId?: number; gunTimeMs?: number; faultFlags?: number; reservoirNl?: number; batteryPct?: number } = {}) {
  return {
    type: 'STATUS' as const,
    armed: false,
    authenticated: true,
    reservoirNl: 1,
    batteryPct: 100,
    needleSeated: true,
    faultFlags: 0,
    gunTimeMs: 1,
    lastRecordId: 0,
    ...over,
  };
}
