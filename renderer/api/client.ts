// The renderer's one way to the core: a StationApi over the preload bridge (Electron) or over the
// browser host's WebSocket. Screens never know which.
import {
  HOST_PATHS,
  type CallOptions,
  StationCallError,
  TOKEN_PROTOCOL_PREFIX,
  WS_PROTOCOL,
  isContractError,
  type EventName,
  type StationApi,
  type StationBridge,
  type StationEvents,
  type WireEvent,
  type WireReply,
  type WireRequest,
} from '../../electron/contract/api.js';
import type { ContractError, Input, MethodName, Output } from '../../electron/contract/index.js';

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
  throw new StationCallError(isContractError(reply.error) ? reply.error : { code: 'internal', message: 'Malformed reply from the station', reason: { code: 'station.bad-reply' } });
}

/** Electron: window.station from the preload. */
export function bridgeApi(bridge: StationBridge): StationApi {
  return {
    async call<N extends MethodName>(method: N, input: Input<N>, options?: CallOptions): Promise<Output<N>> {
      return unwrap<Output<N>>(await bridge.call(method, input, options?.passive === true));
    },
    on<E extends EventName>(event: E, cb: (payload: StationEvents[E]) => void): () => void {
      return bridge.on(event, (p) => cb(p as StationEvents[E]));
    },
  };
}

export interface WsApi extends StationApi {
  readonly transport: TransportState;
  /** Why the host refused this page ('refused' only): it has no token, or one from an earlier launch. */
  readonly refusal: Refusal | null;
  onTransport(cb: (s: TransportState) => void): () => void;
  /** The page was given a new address (only its #token changed): drop the socket, connect with this token. */
  switchToken(token: string): void;
}

export type Refusal = 'no-token' | 'stale-token';

/** Asks the host whether `token` is this launch's (HOST_PATHS.tokenCheck). */
export type TokenCheck = (token: string) => Promise<'good' | 'refused' | 'unreachable'>;

/** A launch token is hex (electron/host/server.ts); anything else cannot even be offered as a subprotocol. */
const TOKEN_SHAPE = /^[0-9a-f]{16,256}$/i;

const LOST: ContractError = { code: 'internal', message: 'The connection to the station was lost. Try again.', reason: { code: 'station.connection-lost' } };

/**
 * Browser host: one WebSocket carrying WireRequest/WireReply/WireEvent JSON. The per-launch token is
 * sent as a WebSocket subprotocol, so it never appears in a URL the server logs. The host refuses a
 * wrong token before the upgrade (HTTP 401), which a browser shows the page only as a failed socket:
 * so after a socket that never opened, the page asks the host whether the token is the reason. A
 * refused token is final until the page is given a new one (switchToken); any other failure is retried
 * with backoff.
 */
export function wsApi(url: string, initialToken: string, checkToken: TokenCheck): WsApi {
  const listeners = new Listeners();
  const transportListeners = new Set<(s: TransportState) => void>();
  const pending = new Map<number, { resolve: (r: WireReply) => void }>();
  /** Calls made while a connection attempt is under way wait for it (the first ones at page load). */
  let waiting: { resolve: () => void; reject: () => void }[] = [];
  let nextId = 1;
  let token = initialToken;
  let ws: WebSocket | null = null;
  let state: TransportState = 'connecting';
  let refusal: Refusal | null = null;
  let backoff = 250;
  let retry: ReturnType<typeof setTimeout> | null = null;
  /** Bumped for every new attempt: events of a socket given up on (switchToken) are ignored. */
  let attempt = 0;

  const setState = (s: TransportState) => {
    state = s;
    if (s !== 'connecting') {
      const w = waiting;
      waiting = [];
      for (const x of w) (s === 'open' ? x.resolve : x.reject)();
    }
    for (const cb of transportListeners) cb(s);
  };

  const refuse = (why: Refusal) => {
    refusal = why;
    setState('refused');
  };

  const failPending = () => {
    for (const [id, p] of pending) p.resolve({ id, ok: false, error: LOST });
    pending.clear();
  };

  const scheduleRetry = () => {
    setState('closed');
    retry = setTimeout(connect, backoff);
    backoff = Math.min(backoff * 2, 4000);
  };

  function connect(): void {
    retry = null;
    const mine = ++attempt;
    refusal = null;
    if (!TOKEN_SHAPE.test(token)) return refuse(token === '' ? 'no-token' : 'stale-token');
    setState('connecting');
    let opened = false;
    const sock = new WebSocket(url, [WS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`]);
    ws = sock;
    sock.onopen = () => {
      if (mine !== attempt) return sock.close();
      opened = true;
      backoff = 250;
      setState('open');
    };
    sock.onmessage = (m: MessageEvent<string>) => {
      if (mine !== attempt) return;
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
    sock.onclose = () => {
      if (mine !== attempt) return;
      ws = null;
      failPending();
      if (opened) return scheduleRetry();
      // Never opened: a stale token (refused before the upgrade), or no host there (yet).
      void checkToken(token).then((verdict) => {
        if (mine !== attempt) return;
        if (verdict === 'refused') refuse('stale-token');
        else scheduleRetry();
      });
    };
  }

  const waitOpen = (): Promise<void> => {
    if (state === 'open') return Promise.resolve();
    if (state !== 'connecting') return Promise.reject(new Error('not connected'));
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };

  connect();

  return {
    get transport() {
      return state;
    },
    get refusal() {
      return refusal;
    },
    onTransport(cb) {
      transportListeners.add(cb);
      return () => transportListeners.delete(cb);
    },
    switchToken(next) {
      if (next === token && state !== 'refused') return;
      token = next;
      if (retry) clearTimeout(retry);
      const old = ws;
      ws = null;
      backoff = 250;
      connect();
      // After connect(): the old socket's close event belongs to an attempt given up on.
      old?.close();
      failPending();
    },
    async call<N extends MethodName>(method: N, input: Input<N>, options?: CallOptions): Promise<Output<N>> {
      if (state === 'refused') throw new StationCallError({ code: 'unauthenticated', message: 'The station refused this page. Open the address the station printed at its latest start.', reason: { code: 'station.page-refused' } });
      try {
        await waitOpen();
      } catch {
        throw new StationCallError(LOST);
      }
      const id = nextId++;
      const req: WireRequest = options?.passive ? { id, method, input, passive: true } : { id, method, input };
      const reply = await new Promise<WireReply>((resolve) => {
        if (!ws || ws.readyState !== WebSocket.OPEN) {
          resolve({ id, ok: false, error: LOST });
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

/** GET HOST_PATHS.tokenCheck with the token as a Bearer header (never in the URL). */
export const checkTokenOverHttp: TokenCheck = async (token) => {
  try {
    const res = await fetch(HOST_PATHS.tokenCheck, { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    return res.status === 204 ? 'good' : res.status === 401 ? 'refused' : 'unreachable';
  } catch {
    return 'unreachable';
  }
};

/** Where this tab keeps its launch token: it survives a reload of the tab, never the tab itself. */
const TOKEN_STORAGE_KEY = 'meso.station.token';

/**
 * Reads `#token=...` from the address, keeps it in sessionStorage (so a reload still connects) and
 * takes it out of the address bar and the history entry (history.replaceState), so it is not left
 * on screen, in the history list, or in a copied address. Null when the address carries none.
 */
export function takeTokenFromAddress(): string | null {
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (token === null) return null;
  try {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Storage disabled: the token still works until this page is reloaded.
  }
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return token;
}

function storedToken(): string {
  try {
    return sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

/** The StationApi for this page, and the transport when it is a WebSocket. */
export function createApi(): { api: StationApi; ws: WsApi | null } {
  if (window.station) return { api: bridgeApi(window.station), ws: null };
  const token = takeTokenFromAddress() ?? storedToken();
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = wsApi(`${proto}//${location.host}${HOST_PATHS.socket}`, token, checkTokenOverHttp);
  // A new address that differs only in its #token does not reload the page: take the new token.
  window.addEventListener('hashchange', () => {
    const next = takeTokenFromAddress();
    if (next !== null) ws.switchToken(next);
  });
  return { api: ws, ws };
}
