// The core's one event mechanism: a typed bus (an event map, name -> payload) that the ledger, the
// session workflow, the gun service and the station publish on and subscribe to. The events that
// cross to the renderer are the contract's StationEvents (contract/station.ts); the hosts forward
// exactly those (host/events.ts) and nothing of the rest. The gun link keeps its own emitter inside
// device/; gun/linkEvents.ts is the one place its news is put on this bus.
import { TypedEmitter, type GunStatus, type LinkState } from '../../device/link/index.js';
import type { ReportedFault } from '../../device/protocol/index.js';
import type { StationEvents } from '../contract/station.js';
import type { CommittedDose } from './ledger/types.js';
import { consoleLogger, describeUnexpected, type Logger } from './logger.js';

/** What the core says only to itself: never forwarded to a window. */
export interface InternalEvents {
  /** Right after each ledger COMMIT, with the records stored for the first time (limit checks, alerts, refreshes). */
  'ledger.committed': readonly CommittedDose[];
  /** The gun link's news (gun/linkEvents.ts), for the workflow and the gun's view. */
  'link.state': LinkState;
  /** A STATUS answer; `serial` is the gun's when the link knows it. */
  'link.status': { serial: string | null; status: GunStatus };
  'link.connected': { serial: string; model: string; firmware: string };
  'link.disconnected': { reason: string };
  'link.connectFailed': { error: Error };
  'link.refused': Record<string, never>;
  'link.commitFailed': { error: Error };
  'link.fault': { fault: ReportedFault; active: boolean; detail: string };
}

/** Every event the core's bus carries: the renderer's (StationEvents) and the core's own. */
export type CoreEvents = StationEvents & InternalEvents;

/** The link's emitter, its emit opened to the bus (it is protected there: only the link emits its news). */
class Emitter extends TypedEmitter<Record<string, (payload: unknown) => void>> {
  publish(event: string, payload: unknown): void {
    this.emit(event, payload);
  }
}

/**
 * A typed bus over the link's own emitter (device/link/typedEmitter.ts), so the station has one
 * emitter: listeners run synchronously in subscription order, and a listener's failure is logged and
 * stops neither the others nor the publisher (a ledger commit is durable whatever a refresh does).
 */
export class EventBus<M extends object> {
  private readonly emitter: Emitter;

  constructor(logger: Logger = consoleLogger) {
    this.emitter = new Emitter({ onListenerError: (event, error) => logger.error(`listener of ${event} failed`, describeUnexpected(error)) });
  }

  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof M & string>(event: K, listener: (payload: M[K]) => void): () => void {
    return this.emitter.on(event, listener as (payload: unknown) => void);
  }

  emit<K extends keyof M & string>(event: K, payload: M[K]): void {
    this.emitter.publish(event, payload);
  }
}

export type CoreBus = EventBus<CoreEvents>;

/** The part of the bus a publisher needs: one event map, emit only. */
export type Publisher<M extends object> = Pick<EventBus<M>, 'emit'>;
