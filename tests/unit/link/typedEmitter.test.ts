// A listener that throws must not take the station down: emit reports the error (event name and
// message only) and keeps calling the other listeners; nothing escapes as an uncaught exception.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TypedEmitter, type ListenerErrorReporter } from '../../../device/link/typedEmitter.js';

interface Events {
  status: (s: { patient: string; reservoirNl: number }) => void;
  connected: (serial: string) => void;
}

class Emitter extends TypedEmitter<Events> {
  fire<K extends keyof Events>(event: K, ...args: Parameters<Events[K]>): void {
    this.emit(event, ...args);
  }
}

const PAYLOAD = { patient: 'Smith, John', reservoirNl: 5_000 };

/** Lets queued microtasks and an immediate run, where the old code rethrew. */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

afterEach(() => vi.restoreAllMocks());

describe('TypedEmitter listener errors', () => {
  it('reports a throwing listener to the reporter and still calls the listeners after it', async () => {
    const reports: { event: string; error: unknown }[] = [];
    const onListenerError: ListenerErrorReporter = (event, error) => void reports.push({ event, error });
    const e = new Emitter({ onListenerError });
    const seen: string[] = [];
    e.on('status', () => seen.push('first'));
    e.on('status', () => {
      throw new Error('settings file is read-only');
    });
    e.on('status', (s) => seen.push(`third ${s.reservoirNl}`));

    const uncaught = vi.fn();
    process.on('uncaughtException', uncaught);
    try {
      expect(() => e.fire('status', PAYLOAD)).not.toThrow();
      await settle();
    } finally {
      process.off('uncaughtException', uncaught);
    }
    expect(seen).toEqual(['first', 'third 5000']);
    expect(reports).toHaveLength(1);
    expect(reports[0]?.event).toBe('status');
    expect((reports[0]?.error as Error).message).toBe('settings file is read-only');
    expect(uncaught).not.toHaveBeenCalled();
  });

  it('by default writes the event name and message to console.error, never the payload or a stack', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const e = new Emitter();
    e.on('status', (s) => {
      throw new Error(`bad reservoir ${s.reservoirNl}`);
    });
    e.fire('status', PAYLOAD);
    expect(spy).toHaveBeenCalledTimes(1);
    const logged = spy.mock.calls[0]!.map(String).join(' ');
    expect(logged).toContain('"status"');
    expect(logged).toContain('bad reservoir 5000');
    expect(logged).not.toContain('Smith');
    expect(logged).not.toMatch(/\bat .*typedEmitter/);
    expect(spy.mock.calls[0]).toHaveLength(1); // a string only: no error object a logger would expand
  });

  it('reports a thrown non-Error without its value', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const e = new Emitter();
    e.on('connected', () => {
      throw { patient: 'Smith, John' };
    });
    e.fire('connected', 'MG-1');
    expect(String(spy.mock.calls[0]?.[0])).not.toContain('Smith');
  });

  it('a reporter that throws is swallowed too', async () => {
    const e = new Emitter({
      onListenerError: () => {
        throw new Error('logger down');
      },
    });
    const after = vi.fn();
    e.on('connected', () => {
      throw new Error('listener bug');
    });
    e.on('connected', after);
    const uncaught = vi.fn();
    process.on('uncaughtException', uncaught);
    try {
      expect(() => e.fire('connected', 'MG-1')).not.toThrow();
      await settle();
    } finally {
      process.off('uncaughtException', uncaught);
    }
    expect(after).toHaveBeenCalledWith('MG-1');
    expect(uncaught).not.toHaveBeenCalled();
  });

  it('once and off still work', () => {
    const e = new Emitter({ onListenerError: () => undefined });
    const once = vi.fn();
    const always = vi.fn();
    e.once('connected', once);
    const off = e.on('connected', always);
    e.fire('connected', 'a');
    e.fire('connected', 'b');
    off();
    e.fire('connected', 'c');
    expect(once.mock.calls).toEqual([['a']]);
    expect(always.mock.calls).toEqual([['a'], ['b']]);
  });
});
