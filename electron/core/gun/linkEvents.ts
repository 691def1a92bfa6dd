// The one place the gun link's own emitter (device/link, GunLinkEvents) meets the core: its news is
// put on the core's bus as 'link.*' events, which the workflow (sessions/wiring.ts) and the gun's
// view (gun/gunService.ts) hear. Listeners run in the order they subscribed, as on the link itself.
import type { GunLink, GunLinkEvents } from '../../../device/link/index.js';
import type { CoreEvents, Publisher } from '../bus.js';

/** The part of the link this needs (GunLink satisfies it; tests raise events on a fake). */
export type LinkNews = Pick<GunLink, 'identity' | 'on' | 'off'>;

/** Publishes the link's events on `bus` until the returned function is called. */
export function publishLinkEvents(link: LinkNews, bus: Publisher<CoreEvents>): () => void {
  const handlers = {
    state: (state) => bus.emit('link.state', state),
    // The serial as the link knows it when the STATUS arrives (it keeps the last identity after a loss).
    status: (status) => bus.emit('link.status', { serial: link.identity?.serial ?? null, status }),
    connected: (id) => bus.emit('link.connected', { serial: id.serial, model: id.model, firmware: id.firmware }),
    disconnected: (info) => bus.emit('link.disconnected', info),
    'connect-failed': (info) => bus.emit('link.connectFailed', info),
    refused: () => bus.emit('link.refused', {}),
    'commit-failed': (info) => bus.emit('link.commitFailed', info),
    fault: (info) => bus.emit('link.fault', info),
  } satisfies { [K in Exclude<keyof GunLinkEvents, 'dose'>]: GunLinkEvents[K] };
  const names = Object.keys(handlers) as (keyof typeof handlers)[];
  for (const name of names) link.on(name, handlers[name] as never);
  return () => {
    for (const name of names) link.off(name, handlers[name] as never);
  };
}
