// The core's one event bus: typed by its event map, delivered in order to the event's own listeners,
// a failing listener logged without stopping the rest or the publisher; the hosts forward exactly the
// contract's events from it; and a batch of doses makes only the windows showing its session fetch.
import { afterEach, describe, expect, it } from 'vitest';
import type { DoseRecord } from '../../../device/link/index.js';
import type { EventName, StationEvents, WireEvent } from '../../../electron/contract/api.js';
import { EventBus, type CoreEvents } from '../../../electron/core/bus.js';
import type { CommittedDose } from '../../../electron/core/ledger/types.js';
import type { Logger } from '../../../electron/core/logger.js';
import { EVENT_AUDIENCE, forwardEvents } from '../../../electron/host/events.js';
import { subscribeRefresh } from '../../../renderer/api/hooks.js';
import { sessionRefresh } from '../../../renderer/session/events.js';
import { makeHarness, type Harness } from './access.fixture.js';

interface TestEvents {
  'a.happened': { n: number };
  'b.happened': string;
}

describe('EventBus', () => {
  it('delivers a payload to the listeners of its event only, in the order they subscribed', () => {
    const bus = new EventBus<TestEvents>();
    const seen: string[] = [];
    bus.on('a.happened', (p) => seen.push(`first ${p.n}`));
    bus.on('b.happened', (p) => seen.push(`b ${p}`));
    bus.on('a.happened', (p) => seen.push(`second ${p.n}`));
    bus.emit('a.happened', { n: 1 });
    expect(seen).toEqual(['first 1', 'second 1']);
  });

  it('stops delivering to a listener once unsubscribed, and leaves the others subscribed', () => {
    const bus = new EventBus<TestEvents>();
    const seen: number[] = [];
    const off = bus.on('a.happened', (p) => seen.push(p.n));
    bus.on('a.happened', (p) => seen.push(p.n * 10));
    bus.emit('a.happened', { n: 1 });
    off();
    bus.emit('a.happened', { n: 2 });
    expect(seen).toEqual([1, 10, 20]);
  });

  it('logs a failing listener by event name, runs the ones after it, and never throws to the publisher', () => {
    const logged: string[] = [];
    const logger: Logger = { error: (event) => void logged.push(event) };
    const bus = new EventBus<TestEvents>(logger);
    const seen: number[] = [];
    bus.on('a.happened', () => {
      throw new Error('a screen failed');
    });
    bus.on('a.happened', (p) => seen.push(p.n));
    expect(() => bus.emit('a.happened', { n: 3 })).not.toThrow();
    expect(seen).toEqual([3]);
    expect(logged).toEqual(['listener of a.happened failed']);
  });

  it('is typed by its event map: an unknown name or a wrong payload does not compile', () => {
    const bus = new EventBus<TestEvents>();
    const seen: unknown[] = [];
    bus.on('b.happened', (p) => seen.push(p));
    // @ts-expect-error not an event of this map
    bus.emit('c.happened', 1);
    // @ts-expect-error 'a.happened' carries { n: number }
    bus.emit('a.happened', 'text');
    // @ts-expect-error the listener's payload is a string, not { n }
    bus.on('b.happened', (p: { n: number }) => seen.push(p.n));
    bus.emit('b.happened', 'ok');
    expect(seen).toContain('ok');
  });
});

function record(recordId: number): DoseRecord {
  return { gunSerial: 'SIM-1', recordId, commandedNl: 20_000, deliveredNl: 20_000 } as DoseRecord;
}

function dose(recordId: number, sessionId: number | null): CommittedDose {
  return {
    rowId: recordId,
    record: record(recordId),
    result:
      sessionId === null
        ? { unattributed: 'no session armed' }
        : { attributed: { sessionId, armWindowId: 1, zone: 'vertex', serumVersionId: 1, lotId: 1, lotNumber: 'L1', clinician: { userId: 2, username: 'carl', displayName: 'Carl', role: 'clinician' } } },
  };
}

describe('from the core to a window', () => {
  let h: Harness;
  afterEach(() => h?.close());

  /** The station's bus as a window sees it: through the host's forwarding, as the preload or the socket delivers it. */
  function window(): { api: { on<E extends EventName>(e: E, cb: (p: StationEvents[E]) => void): () => void }; got: WireEvent[] } {
    const listeners = new Map<string, Set<(p: unknown) => void>>();
    const got: WireEvent[] = [];
    forwardEvents(h.station.events, (ev) => {
      got.push(ev);
      for (const l of listeners.get(ev.event) ?? []) l(ev.payload);
    });
    return {
      got,
      api: {
        on(e, cb) {
          const set = listeners.get(e) ?? new Set();
          listeners.set(e, set);
          set.add(cb as (p: unknown) => void);
          return () => set.delete(cb as (p: unknown) => void);
        },
      },
    };
  }

  it('a batch of doses in session A makes the view of A fetch again, and not the view of B', () => {
    h = makeHarness();
    const { api } = window();
    const fetched = { a: 0, b: 0 };
    subscribeRefresh(api, ['doses.committed', 'workflow.event'], () => sessionRefresh(11), () => fetched.a++);
    subscribeRefresh(api, ['doses.committed', 'workflow.event'], () => sessionRefresh(12), () => fetched.b++);
    // What the ledger publishes after a COMMIT: two records of session 11, one with nowhere to go.
    h.station.events.emit('ledger.committed', [dose(1, 11), dose(2, 11), dose(3, null)]);
    expect(fetched).toEqual({ a: 1, b: 0 });
    h.station.events.emit('ledger.committed', [dose(4, 12)]);
    expect(fetched).toEqual({ a: 1, b: 1 });
  });

  it('forwards exactly the contract events: the core\'s own (ledger, link) never reach a window', () => {
    h = makeHarness();
    const { got } = window();
    const core = h.station.events;
    core.emit('ledger.committed', [dose(1, 5)]);
    core.emit('link.state', 'connecting');
    core.emit('link.refused', {});
    core.emit('login.locked', { connectionId: 'c1', userId: 1, reason: 'idle', gunDisarmed: false });
    const names = got.map((e) => e.event);
    // The link's news reaches windows only as the gun's view, which the gun service publishes.
    expect(names).toEqual(['doses.committed', 'gun.changed', 'gun.changed', 'login.locked']);
    expect(got[0]!.payload).toEqual({ sessionIds: [5], records: 1, unattributed: 0 });
    for (const n of names) expect(Object.keys(EVENT_AUDIENCE)).toContain(n);
    // The bus's own map holds more than crosses: the audience table is the contract's events alone.
    const internal: (keyof CoreEvents)[] = ['ledger.committed', 'link.state', 'link.status', 'link.fault'];
    for (const n of internal) expect(Object.keys(EVENT_AUDIENCE)).not.toContain(n);
  });
});
