// The transport-neutral client of the contract. The renderer only ever sees a StationApi: in
// Electron it is `window.station` (preload, over IPC); in a browser it is the WebSocket client of the
// browser host. Both carry the same envelopes, defined here, so the two transports cannot drift.
// Imports nothing from Node.
import type { ContractError, Input, MethodName, Output, StationEvents } from './index.js';

/**
 * The event map a client receives (contract/station.ts StationEvents): the part of the core's bus
 * (core/bus.ts) that crosses to windows. A host forwards exactly these, an event naming a connectionId
 * only to that connection, any other to its audience (host/events.ts).
 */
export type { StationEvents };
export type EventName = keyof StationEvents;

/** How a call is made. */
export interface CallOptions {
  /**
   * A screen loading or refreshing what it shows, not a person acting: it does not count as activity
   * for auto-lock (input is reported by auth.activity, and shots of an armed gun count by themselves).
   */
  passive?: boolean;
}

export interface StationApi {
  /** Rejects with a StationCallError carrying the core's ContractError. */
  call<N extends MethodName>(method: N, input: Input<N>, options?: CallOptions): Promise<Output<N>>;
  /** Subscribes; returns the unsubscribe function. */
  on<E extends EventName>(event: E, cb: (payload: StationEvents[E]) => void): () => void;
}

/** The error a StationApi call rejects with. */
export class StationCallError extends Error implements ContractError {
  readonly code: ContractError['code'];
  readonly field?: string;
  readonly reason: ContractError['reason'];
  constructor(e: ContractError) {
    super(e.message);
    this.name = 'StationCallError';
    this.code = e.code;
    if (e.field !== undefined) this.field = e.field;
    this.reason = e.reason;
  }
}

// ---- wire envelopes (IPC and WebSocket carry the same shapes) ----

export interface WireRequest {
  id: number;
  method: string;
  input: unknown;
  /** CallOptions.passive */
  passive?: boolean;
}
export type WireReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ContractError };
export interface WireEvent {
  event: EventName;
  payload: unknown;
}

export const IPC_CALL_CHANNEL = 'station:call';
export const IPC_EVENT_CHANNEL = 'station:event';

/**
 * The browser host's paths. The launch token travels as a WebSocket subprotocol ("token.<hex>"), or
 * as a Bearer header on HTTP; a wrong one is refused before the upgrade (HTTP 401), which a browser
 * reports to the page only as a failed socket, so the page asks TOKEN_CHECK whether its token is the
 * reason (204 yes it is good, 401 it is not).
 */
export const HOST_PATHS = { socket: '/ws', tokenCheck: '/token-check' } as const;
export const TOKEN_PROTOCOL_PREFIX = 'token.';
export const WS_PROTOCOL = 'meso.v1';

export function isContractError(v: unknown): v is ContractError {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as { code?: unknown; message?: unknown; reason?: { code?: unknown } | null };
  return typeof e.code === 'string' && typeof e.message === 'string' && typeof e.reason === 'object' && e.reason !== null && typeof e.reason.code === 'string';
}

/**
 * What the preload exposes as `window.station` (and nothing else): raw envelopes, because an Error
 * crossing contextBridge loses its fields. The renderer wraps it into a StationApi (bridgeApi).
 */
export interface StationBridge {
  call(method: string, input: unknown, passive?: boolean): Promise<WireReply>;
  on(event: string, cb: (payload: unknown) => void): () => void;
}
