// Which core events go to which client, for both hosts (Electron's main.ts and the browser host).
//   - An event naming a connectionId goes to that connection only (its own lock, say).
//   - The gun's status goes to every connection the host trusts, signed in or not: the lock and login
//     screens show the gun and its stop. So does training mode's simulated gun display.
//   - Every other event goes only to connections that are signed in and unlocked: a socket that has
//     not logged in, or a locked screen, learns nothing about sessions or doses.
// EVENT_AUDIENCE must list every StationEvents key (a missing one is a type error), so a new core
// event is never silently dropped, nor sent to everyone by default.
import type { EventName, StationEvents, WireEvent } from '../contract/api.js';
import type { ConnectionContext } from '../core/access/connection.js';

export const EVENT_AUDIENCE = {
  'login.locked': 'signed-in',
  'gun.changed': 'everyone',
  'workflow.event': 'signed-in',
  'doses.committed': 'signed-in',
  // Training mode's simulated gun, as its own display shows it to anyone in the room (the pairing
  // code included): the lock and login screens show it with the TRAINING banner.
  'training.changed': 'everyone',
} as const satisfies Record<EventName, 'signed-in' | 'everyone'>;

export type Audience = { connectionId: string } | 'signed-in' | 'everyone';

interface EventSource {
  on<K extends EventName>(event: K, listener: (payload: StationEvents[K]) => void): () => void;
}

/** Subscribes to every core event; `deliver` gets the wire event and who may receive it. */
export function forwardEvents(events: EventSource, deliver: (ev: WireEvent, audience: Audience) => void): () => void {
  const offs = (Object.keys(EVENT_AUDIENCE) as EventName[]).map((name) =>
    events.on(name, (payload: StationEvents[typeof name]) => {
      const target = typeof payload === 'object' && payload !== null && 'connectionId' in payload && typeof payload.connectionId === 'string' ? payload.connectionId : null;
      deliver({ event: name, payload }, target !== null ? { connectionId: target } : EVENT_AUDIENCE[name]);
    }),
  );
  return () => offs.forEach((off) => off());
}

/** Whether `conn` is in `audience`; `receivesEvents` is the station's signed-in-and-unlocked check. */
export function reaches(audience: Audience, conn: ConnectionContext, receivesEvents: (conn: ConnectionContext) => boolean): boolean {
  if (audience === 'everyone') return true;
  if (audience === 'signed-in') return receivesEvents(conn);
  return conn.id === audience.connectionId;
}
