// Test-only HTTP routes, mounted only when MESO_TEST_HOOKS=1 (never in the contract, never by
// default). Each needs the launch token as a Bearer header, like the WebSocket. They drive the
// simulator's trigger, cable and battery, and read what the simulated gun recorded.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatedGun } from '../../device/sim/index.js';

export interface SimState {
  serial: string;
  plugged: boolean;
  armed: boolean;
  pairingCode: string | null;
  reservoirNl: number;
  /** Every record the gun made: id and delivered volume. */
  records: { recordId: number; deliveredNl: number; endedAtMs: number }[];
}

async function body(req: IncomingMessage): Promise<Record<string, unknown>> {
  let raw = '';
  for await (const chunk of req) {
    raw += String(chunk);
    if (raw.length > 10_000) throw new Error('too large');
  }
  const v: unknown = raw ? JSON.parse(raw) : {};
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

/** `sim`: the running simulator (training mode), asked at each request since a mode switch replaces it. */
export function testHookRoutes(ctx: { sim: () => SimulatedGun | null }) {
  return async (req: IncomingMessage, res: ServerResponse, authorised: boolean): Promise<boolean> => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith('/__test/')) return false;
    const json = (status: number, v: unknown) => res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(v));
    if (!authorised) return json(401, { error: 'token required' }), true;
    const sim = ctx.sim();
    if (!sim) return json(409, { error: 'no built-in simulator (start the host with --training)' }), true;
    try {
      if (req.method === 'GET' && path === '/__test/sim') {
        const state: SimState = {
          serial: sim.serial,
          plugged: sim.plugged,
          armed: sim.armed,
          pairingCode: sim.pairingCode,
          reservoirNl: sim.reservoirNl,
          records: sim.log.map((r) => ({ recordId: r.recordId, deliveredNl: r.deliveredNl, endedAtMs: r.endedAtMs })),
        };
        json(200, state);
      } else if (req.method === 'POST' && path === '/__test/sim/fire') {
        const n = Number((await body(req)).n ?? 1);
        if (!Number.isInteger(n) || n < 1 || n > 1000) return json(400, { error: 'n: 1..1000' }), true;
        sim.fire(n);
        json(200, { ok: true });
      } else if (req.method === 'POST' && path === '/__test/sim/battery') {
        const low = (await body(req)).low;
        if (typeof low !== 'boolean') return json(400, { error: 'low: true or false' }), true;
        sim.lowBattery(low);
        json(200, { ok: true });
      } else if (req.method === 'POST' && path === '/__test/sim/unplug') {
        await sim.unplug();
        json(200, { ok: true });
      } else if (req.method === 'POST' && path === '/__test/sim/replug') {
        await sim.replug();
        json(200, { ok: true });
      } else json(404, { error: 'no such hook' });
    } catch (e) {
      json(500, { error: e instanceof Error ? e.message : String(e) });
    }
    return true;
  };
}
