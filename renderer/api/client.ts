// The renderer's one way to the core: a StationApi over the preload bridge (Electron) or over the
// browser host's WebSocket. Screens never know which.
import {
  StationCallError,
  WS_CLOSE,
  isContractError,
  type EventName,
  type StationApi,
  type StationBridge,
  type StationEvents,
  type WireEvent,
  type WireReply,
  type WireRequest,
} from '../../electron/contract/api.js';
import type { Input, MethodName, Output } from '../../electron/contract/index.js';

declare global {
  interface Window {
    station?: StationBridge;
  }
}

type Listener = (payload: unknown) => void;

/** Transport state, shown by the shell (a lost host connection blocks the UI). */
export type TransportState = 'connecting' | 'open' | 'closed' | 'refused';

class Listeners {
  private readonly map = new Map<string, Set<Listener>>();
  add(event: string, cb: Listener): () => void {
    let set = this.map.get(event);
    if (!set) this.map.set(event, (set = new Set()));
    set.add(cb);
    return () => set.delete(cb);
  }
  emit(event: string, payload: unknown): void {
    for (const cb of this.map.get(event) ?? []) cb(payload);
  }
}

function unwrap<T>(reply: WireReply): T {
  if (reply.ok) return reply.result as T;
  throw new StationCallError(isContractError(reply.error) ? reply.error : { code: 'internal', message: 'Malformed reply from the station' });
}

/** Electron: window.station from the preload. */
export function bridgeApi(bridge: StationBridge): StationApi {
  return {
    async call<N extends MethodName>(method: N, input: Input<N>): Promise<Output<N>> {
      return unwrap<Output<N>>(await bridge.call(method, input));
    },
    on<E extends EventName>(event: E, cb: (payload: StationEvents[E]) => void): () => void {
      return bridge.on(event, (p) => cb(p as StationEvents[E]));
    },
  };
}

export interface WsApi extends StationApi {
  readonly transport: TransportState;
  onTransport(cb: (s: TransportState) => void): () => void;
}

/**
 * Browser host: one WebSocket carrying WireRequest/WireReply/WireEvent JSON. The per-launch token comes
 * from the page address (#token=...) and is sent as a WebSocket subprotocol, so it never appears in a
 * URL the server logs. Reconnects with backoff; a refused token is final.
 */
export function wsApi(url: string, token: string): WsApi {
  const listeners = new Listeners();
  const transportListeners = new Set<(s: TransportState) => void>();
  const pending = new Map<number, { resolve: (r: WireReply) => void }>();
  let nextId = 1;
  let ws: WebSocket | null = null;
  let state: TransportState = 'connecting';
  let backoff = 250;
  let opened: Promise<void>;
  let markOpen: () => void = () => {};

  const setState = (s: TransportState) => {
    state = s;
    for (const cb of transportListeners) cb(s);
  };

  const connect = () => {
    opened = new Promise<void>((r) => (markOpen = r));
    setState('connecting');
    const sock = new WebSocket(url, ['meso.v1', `token.${token}`]);
    ws = sock;
    sock.onopen = () => {
      backoff = 250;
      setState('open');
      markOpen();
    };
    sock.onmessage = (m: MessageEvent<string>) => {
      let msg: WireReply | WireEvent;
      try {
        msg = JSON.parse(m.data) as WireReply | WireEvent;
      } catch {
        return;
      }
      if ('event' in msg) listeners.emit(msg.event, msg.payload);
      else {
        const p = pending.get(msg.id);
        pending.delete(msg.id);
        p?.resolve(msg);
      }
    };
    sock.onclose = (ev) => {
      ws = null;
      for (const [id, p] of pending) p.resolve({ id, ok: false, error: { code: 'internal', message: 'The connection to the station was lost. Try again.' } });
      pending.clear();
      if (ev.code === WS_CLOSE.badToken || ev.code === WS_CLOSE.badOrigin) {
        setState('refused');
        return;
      }
      setState('closed');
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 4000);
    };
  };
  connect();

  return {
    get transport() {
      return state;
    },
    onTransport(cb) {
      transportListeners.add(cb);
      return () => transportListeners.delete(cb);
    },
    async call<N extends MethodName>(method: N, input: Input<N>): Promise<Output<N>> {
      if (state === 'refused') throw new StationCallError({ code: 'unauthenticated', message: 'The station refused this page. Open the address the station printed.' });
      await opened;
      const id = nextId++;
      const req: WireRequest = { id, method, input };
      const reply = await new Promise<WireReply>((resolve) => {
        if (!ws || ws.readyState !== WebSocket.OPEN) {
          resolve({ id, ok: false, error: { code: 'internal', message: 'The connection to the station was lost. Try again.' } });
          return;
        }
        pending.set(id, { resolve });
        ws.send(JSON.stringify(req));
      });
      return unwrap<Output<N>>(reply);
    },
    on<E extends EventName>(event: E, cb: (payload: StationEvents[E]) => void): () => void {
      return listeners.add(event, (p) => cb(p as StationEvents[E]));
    },
  };
}

/** The StationApi for this page, and the transport when it is a WebSocket. */
export function createApi(): { api: StationApi; ws: WsApi | null } {
  if (window.station) return { api: bridgeApi(window.station), ws: null };
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? '';
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = wsApi(`${proto}//${location.host}/ws`, token);
  return { api: ws, ws };
}
