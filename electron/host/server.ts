// The browser host: the same core and contract as Electron, served to a browser on 127.0.0.1.
//   GET /...  the built renderer (dist/renderer), with a strict CSP
//   WS  /ws   WireRequest -> WireReply, plus WireEvent pushes; one ConnectionContext per socket
//   GET /token-check  204 when the Bearer token is this launch's, else 401 (what a page asks after its
//                     socket failed: a stale token, or a host that is not there)
// Guards: bound to 127.0.0.1 only; the Host header must name this host (DNS rebinding); the WebSocket
// Origin must be this host's own origin; a per-launch random token must come with the WebSocket
// (subprotocol "token.<hex>"). Every refusal answers the upgrade request with an HTTP status: no
// socket is ever accepted and then closed, so a wrong token never reaches the station at all.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { HOST_PATHS, TOKEN_PROTOCOL_PREFIX, WS_PROTOCOL, type WireEvent, type WireReply, type WireRequest } from '../contract/api.js';
import type { ConnectionContext } from '../core/access/connection.js';
import { forwardEvents, reaches } from './events.js';
import { toContractError } from './wire.js';
import { CONTENT_TYPES, RENDERER_HEADERS } from './web.js';

/** What the host needs from a station (createStation's result satisfies it). */
export interface HostedStation {
  dispatch(conn: ConnectionContext, method: string, rawInput: unknown, options?: { passive?: boolean }): Promise<unknown>;
  newConnection(): ConnectionContext;
  closeConnection(conn: ConnectionContext): void;
  /** Signed in and unlocked: may receive events other than the gun's status (events.ts). */
  receivesEvents(conn: ConnectionContext): boolean;
  events: Parameters<typeof forwardEvents>[0];
}

export interface HostServerOptions {
  station: HostedStation;
  /** 0 picks a free port. */
  port: number;
  staticDir: string;
  /** Fixed only by tests that need to know it in advance; otherwise random per launch. */
  token?: string;
  /** Extra HTTP routes (test hooks), consulted before static files; return true when handled. */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse, authorised: boolean) => Promise<boolean>;
  log?: (line: string) => void;
}

export interface HostServer {
  url: string;
  port: number;
  origin: string;
  token: string;
  /** Open sockets (for tests and the shutdown log). */
  readonly sockets: number;
  /** Closes every window's socket (the station restarted its core): each page reconnects by itself. */
  dropConnections(): void;
  close(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 1 << 20;
const BEARER_CHALLENGE = 'Bearer realm="meso-station"';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startHostServer(opts: HostServerOptions): Promise<HostServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const log = opts.log ?? (() => {});
  const root = resolve(opts.staticDir);
  let origin = '';
  let allowedHosts = new Set<string>();

  const securityHeaders = (res: ServerResponse) => {
    for (const [name, value] of Object.entries(RENDERER_HEADERS)) res.setHeader(name, value);
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), usb=(), serial=()');
  };

  const server = createServer((req, res) => {
    void handleHttp(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('wrong host');
      return;
    }
    const auth = req.headers.authorization ?? '';
    const authorised = auth.startsWith('Bearer ') && sameSecret(auth.slice(7), token);
    if (new URL(req.url ?? '/', origin).pathname === HOST_PATHS.tokenCheck && req.method === 'GET') {
      res.writeHead(authorised ? 204 : 401, authorised ? { 'Cache-Control': 'no-store' } : { 'Cache-Control': 'no-store', 'WWW-Authenticate': BEARER_CHALLENGE }).end();
      return;
    }
    if (opts.extraRoutes && (await opts.extraRoutes(req, res, authorised))) return;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const pathname = decodeURIComponent(new URL(req.url ?? '/', origin).pathname);
    const rel = pathname === '/' ? 'index.html' : normalize(pathname).replace(/^([/\\])+/, '');
    const file = join(root, rel);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) throw new Error('not a file');
      size = st.size;
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, { 'Content-Type': type, 'Content-Length': size, 'Cache-Control': type.startsWith('text/html') ? 'no-store' : 'no-cache' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  }

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_MESSAGE_BYTES,
    // Accept only our protocol; the token travels as a second offered subprotocol.
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const clients = new Map<WebSocket, ConnectionContext>();

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const reject = (status: number, why: string) => {
      log(`websocket refused: ${why}`);
      const challenge = status === 401 ? `WWW-Authenticate: ${BEARER_CHALLENGE}\r\n` : '';
      socket.end(`HTTP/1.1 ${status} ${why}\r\n${challenge}Connection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== HOST_PATHS.socket) return reject(404, 'Not Found');
    if (!allowedHosts.has(req.headers.host ?? '')) return reject(421, 'Misdirected Request');
    // A page from any other origin (a website the clinician has open) must not drive the station.
    if (req.headers.origin !== origin) return reject(403, 'Forbidden');
    // The token is checked here, on the upgrade request: a wrong one never gets a socket.
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const given = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length) ?? '';
    if (!sameSecret(given, token)) return reject(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws));
  });

  function accept(ws: WebSocket): void {
    const conn = opts.station.newConnection();
    clients.set(ws, conn);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return ws.close(1003, 'text only');
      let req: WireRequest;
      try {
        req = JSON.parse(data.toString()) as WireRequest;
      } catch {
        return ws.close(1007, 'not JSON');
      }
      if (typeof req !== 'object' || req === null || typeof req.id !== 'number' || typeof req.method !== 'string') return ws.close(1008, 'not a request');
      opts.station.dispatch(conn, req.method, req.input, { passive: req.passive === true }).then(
        (result) => send(ws, { id: req.id, ok: true, result: result ?? null }),
        (e: unknown) => send(ws, { id: req.id, ok: false, error: toContractError(e) }),
      );
    });
    ws.on('close', () => {
      clients.delete(ws);
      opts.station.closeConnection(conn);
    });
    ws.on('error', () => ws.terminate());
  }

  function send(ws: WebSocket, msg: WireReply | WireEvent): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  }

  const stopEvents = forwardEvents(opts.station.events, (ev, audience) => {
    for (const [ws, conn] of clients) if (reaches(audience, conn, (c) => opts.station.receivesEvents(c))) send(ws, ev);
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`]);

  return {
    url: `${origin}/#token=${token}`,
    port,
    origin,
    token,
    get sockets() {
      return clients.size;
    },
    dropConnections() {
      // 1012 "service restart": the page reconnects (a refused token would be 4401, and final).
      for (const ws of clients.keys()) ws.close(1012, 'station restarting');
    },
    async close() {
      stopEvents();
      for (const ws of clients.keys()) ws.terminate();
      wss.close();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
