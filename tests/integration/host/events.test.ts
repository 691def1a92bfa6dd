// What the browser host pushes, and to whom: the gun's status to every socket that holds the launch
// token (the lock and login screens show the gun and its stop); everything else only to sockets that
// are signed in and unlocked. Each check ends with a gun status as a marker: events on one socket
// arrive in order, so once the marker is in, anything sent before it would be too.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { GunView } from '../../../electron/contract/gun.js';
import { memoryKeyVault } from '../../../electron/core/keys/keyStore.js';
import { memorySettings } from '../../../electron/core/settings/store.js';
import { createStation, type Station } from '../../../electron/core/station.js';
import { startHostServer, type HostServer } from '../../../electron/host/server.js';
import { ADMIN } from '../../unit/core/access.fixture.js';
import { FAST_USERS } from '../../support/users.js';

let dir: string;
let station: Station;
let server: HostServer;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'meso-events-'));
  station = createStation({ dataDir: join(dir, 'data'), settings: memorySettings(), keys: memoryKeyVault(), users: FAST_USERS, autoLockSweepMs: 0 });
  server = await startHostServer({ station, port: 0, staticDir: dir });
  const setup = await client();
  await setup.call('setup.createAdmin', ADMIN);
  setup.close();
});
afterAll(async () => {
  await server.close();
  await station.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Client {
  events: { event: string; payload: unknown }[];
  call(method: string, input: unknown): Promise<unknown>;
  close(): void;
}

async function client(): Promise<Client> {
  const ws = new WebSocket(`${server.origin.replace('http', 'ws')}/ws`, ['meso.v1', `token.${server.token}`], { origin: server.origin });
  const events: Client['events'] = [];
  const pending = new Map<number, (r: { ok: boolean; result?: unknown; error?: unknown }) => void>();
  let next = 1;
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { id?: number; event?: string; payload?: unknown; ok: boolean };
    if (msg.event) events.push({ event: msg.event, payload: msg.payload });
    else if (msg.id !== undefined) pending.get(msg.id)?.(msg);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    events,
    call: (method, input) =>
      new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, (r) => (r.ok ? resolve(r.result) : reject(new Error(JSON.stringify(r.error)))));
        ws.send(JSON.stringify({ id, method, input }));
      }),
    close: () => ws.close(),
  };
}

const GUN: GunView = {
  linkState: 'disconnected',
  detail: null,
  detailCode: null,
  trigger: { state: 'no-gun', statusAt: null, lostArmedAt: null, watchdogDeadline: null, watchdogMs: 1000 },
  identity: null,
  status: null,
  pairingInProgress: false,
  source: 'test',
};

/** Emits the events under test, then a gun status as the marker, and returns what each client got. */
async function push(clients: Client[]): Promise<string[][]> {
  const marker = `marker-${Math.random()}`;
  for (const c of clients) c.events.length = 0;
  station.events.emit('doses.committed', { sessionIds: [7], records: 3, unattributed: 0 });
  station.events.emit('workflow.event', { type: 'session.changed', sessionId: 7, phase: 'mesotherapy', step: 'armed' });
  station.events.emit('gun.changed', { ...GUN, source: marker });
  for (const c of clients) await expect.poll(() => c.events.some((e) => (e.payload as GunView).source === marker)).toBe(true);
  return clients.map((c) => c.events.map((e) => e.event));
}

describe('events from the browser host', () => {
  it('a socket that has not logged in gets the gun status only; a signed-in one gets everything', async () => {
    const anonymous = await client();
    const signedIn = await client();
    try {
      await signedIn.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
      const [a, b] = await push([anonymous, signedIn]);
      expect(a).toEqual(['gun.changed']);
      expect(b).toEqual(['doses.committed', 'workflow.event', 'gun.changed']);
    } finally {
      anonymous.close();
      signedIn.close();
    }
  });

  it('a locked socket gets its own lock and the gun status, nothing else, until it unlocks; after logout, nothing', async () => {
    const c = await client();
    try {
      await c.call('auth.login', { username: ADMIN.username, password: ADMIN.password });
      c.events.length = 0;
      await c.call('auth.lock', {});
      await expect.poll(() => c.events.map((e) => e.event)).toContain('login.locked');
      expect(await push([c])).toEqual([['gun.changed']]);
      await c.call('auth.unlock', { password: ADMIN.password });
      expect(await push([c])).toEqual([['doses.committed', 'workflow.event', 'gun.changed']]);
      await c.call('auth.logout', {});
      expect(await push([c])).toEqual([['gun.changed']]);
    } finally {
      c.close();
    }
  });
});
