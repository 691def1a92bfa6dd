// Which core events go to which client, for both hosts (Electron's main.ts and the browser host).
// An event naming a connectionId goes to that connection only; any other event goes to every
// connection. EVENT_NAMES must list every StationEvents key (a missing one is a type error), so a new
// core event is never silently dropped by a host.
import type { EventName, StationEvents, WireEvent } from '../contract/api.js';

export const EVENT_NAMES = {
  'session.locked': true,
  'gun.changed': true,
  'sessions.event': true,
  'doses.committed': true,
} as const satisfies Record<EventName, true>;

interface EventSource {
  on<K extends EventName>(event: K, listener: (payload: StationEvents[K]) => void): () => void;
}

/** Subscribes to every core event; `deliver` gets the wire event and the target (null = everyone). */
export function forwardEvents(events: EventSource, deliver: (ev: WireEvent, connectionId: string | null) => void): () => void {
  const offs = (Object.keys(EVENT_NAMES) as EventName[]).map((name) =>
    events.on(name, (payload: StationEvents[typeof name]) => {
      const target = typeof payload === 'object' && payload !== null && 'connectionId' in payload && typeof payload.connectionId === 'string' ? payload.connectionId : null;
      deliver({ event: name, payload }, target);
    }),
  );
  return () => offs.forEach((off) => off());
}
