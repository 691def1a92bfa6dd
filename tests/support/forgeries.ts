// Every forgery of issue 12, tried through a man in the middle against a link and a simulated gun
// that are paired and ready: injected ARM, SET_PROFILE and RECORD_ACK towards the gun, DOSE_RECORD
// and STATUS towards the station, each untagged, with a forged tag, as a replay of a genuine frame,
// and as a genuine frame modified with its CRC made right. It then reports what was injected, what
// the two ends refused (their counters, by message type), and any effect a forgery had.
import type { DoseRecord, GunLink } from '../../device/link/index.js';
import { DEFAULT_PROFILE, encodeFrame, FrameSealer, profileToWire, type Message, type MessageName } from '../../device/protocol/index.js';
import type { SimulatedGun } from '../../device/sim/index.js';
import { waitUntil } from './linkWait.js';
import { stripTag, tamper, type Direction, type ManInTheMiddle } from './mitm.js';

export interface ForgeryReport {
  /** Frames put on the line, by message type. */
  injected: Partial<Record<MessageName, number>>;
  /** Frames the receiving end refused (authentication), by message type, during the forgeries. */
  refused: Partial<Record<MessageName, number>>;
  /** Injected frames not refused by the receiver's authentication. */
  notRefused: number;
  /** What a forgery changed, if anything: every entry is a failure. */
  effects: string[];
}

const MARK_TIME = 4_242_424_242;
const MARK_NL = 1;

const forgedSealer = () => new FrameSealer(new Uint8Array(32).fill(0x5e));
const untagged = (message: Message, ack = 0) => encodeFrame({ message, ack });
const forgedTag = (message: Message, ack = 0) => encodeFrame({ message, ack, sealer: forgedSealer() });

type Refusals = Partial<Record<MessageName, number>>;
const refusals = (gun: SimulatedGun, link: GunLink): { gun: Refusals; link: Refusals } => ({
  gun: { ...gun.stats.auth.refusedByType },
  link: { ...link.stats.auth.refusedByType },
});

/**
 * Sets the scene (a genuine ARM, SET_PROFILE, shot, RECORD_ACK and STATUS pass the MITM; one record
 * is left unacknowledged at the gun), then injects every forgery, `spacingMs` apart (slower than the
 * burst rule, so each is counted on its own rather than ending the session).
 */
export async function tryEveryForgery(o: { mitm: ManInTheMiddle; gun: SimulatedGun; link: GunLink; stored: () => readonly DoseRecord[]; spacingMs?: number }): Promise<ForgeryReport> {
  const { mitm, gun, link } = o;
  const spacing = o.spacingMs ?? 250;
  // The scene: genuine frames to replay, and a record the gun still holds.
  await link.setProfile(DEFAULT_PROFILE);
  await link.arm(1_000_000);
  gun.fire(1);
  await waitUntil('a record acknowledged', () => gun.log.length >= 1 && gun.unackedRecordIds.length === 0, 5000);
  mitm.policy('toGun', { block: (f) => f.message.type === 'RECORD_ACK' });
  gun.fire(1);
  await waitUntil('a record the gun still holds', () => gun.unackedRecordIds.length >= 1, 5000);
  await link.disarm();
  const held = gun.unackedRecordIds;
  const genuine = (d: Direction, t: MessageName) => {
    const w = mitm.lastGenuine(d, t);
    if (!w) throw new Error(`no genuine ${t} passed ${d}`);
    return w;
  };
  const replays: [Direction, MessageName, Uint8Array][] = [
    ['toGun', 'ARM', genuine('toGun', 'ARM')],
    ['toGun', 'SET_PROFILE', genuine('toGun', 'SET_PROFILE')],
    ['toGun', 'RECORD_ACK', genuine('toGun', 'RECORD_ACK')],
    ['toStation', 'DOSE_RECORD', genuine('toStation', 'DOSE_RECORD')],
    ['toStation', 'STATUS', genuine('toStation', 'STATUS')],
  ];

  const effects: string[] = [];
  const onArmed = () => effects.push('the gun armed');
  gun.on('armed', onArmed);
  const onStatus = (s: { gunTimeMs: number }) => s.gunTimeMs === MARK_TIME && effects.push('a forged STATUS reached the station');
  link.on('status', onStatus);
  const before = refusals(gun, link);
  const injected: Partial<Record<MessageName, number>> = {};
  const nextId = gun.log.length + 1;
  const record = { type: 'DOSE_RECORD' as const, recordId: nextId, commandedNl: 20_000, deliveredNl: MARK_NL, depthUm: 2_000, entryPct: 0, dwellPct: 100, exitPct: 0, mode: 1, startedAtMs: 1, endedAtMs: 2, fault: 0, recordMac: new Uint8Array(32) };
  const status = { type: 'STATUS' as const, armed: true, authenticated: true, reservoirNl: 1, batteryPct: 100, needleSeated: true, faultFlags: 0, gunTimeMs: MARK_TIME, lastRecordId: 0 };
  const profile = { type: 'SET_PROFILE' as const, ...profileToWire({ ...DEFAULT_PROFILE, doseNl: 150_000 }) };
  const frames: [Direction, MessageName, Uint8Array][] = [
    ['toGun', 'ARM', untagged({ type: 'ARM', budgetNl: 0xffff_ffff })],
    ['toGun', 'ARM', forgedTag({ type: 'ARM', budgetNl: 0xffff_ffff })],
    ['toGun', 'ARM', tamper(genuine('toGun', 'ARM'), 6 * 8)], // budget byte changed
    ['toGun', 'SET_PROFILE', untagged(profile)],
    ['toGun', 'SET_PROFILE', forgedTag(profile)],
    ['toGun', 'SET_PROFILE', stripTag(genuine('toGun', 'SET_PROFILE'))],
    ...held.flatMap((recordId): [Direction, MessageName, Uint8Array][] => [
      ['toGun', 'RECORD_ACK', untagged({ type: 'RECORD_ACK', recordId })],
      ['toGun', 'RECORD_ACK', forgedTag({ type: 'RECORD_ACK', recordId })],
    ]),
    ['toStation', 'DOSE_RECORD', untagged(record)],
    ['toStation', 'DOSE_RECORD', forgedTag(record)],
    ['toStation', 'DOSE_RECORD', tamper(genuine('toStation', 'DOSE_RECORD'), 14 * 8)], // delivered volume changed
    ['toStation', 'STATUS', untagged(status)],
    ['toStation', 'STATUS', forgedTag(status)],
    ['toStation', 'STATUS', tamper(genuine('toStation', 'STATUS'), 6 * 8)], // armed flag changed
    ...replays,
  ];
  // Alternating directions, so each end sees a forgery about twice `spacing` apart.
  const toGun = frames.filter(([d]) => d === 'toGun');
  const toStation = frames.filter(([d]) => d === 'toStation');
  const order = Array.from({ length: Math.max(toGun.length, toStation.length) }, (_, i) => [toGun[i], toStation[i]]).flat().filter((f) => f !== undefined);
  for (const [direction, type, wire] of order) {
    mitm.inject(direction, wire);
    injected[type] = (injected[type] ?? 0) + 1;
    await new Promise((r) => setTimeout(r, spacing));
  }
  const total = frames.length;
  const refusedNow = () => {
    const after = refusals(gun, link);
    const out: Partial<Record<MessageName, number>> = {};
    for (const side of ['gun', 'link'] as const)
      for (const [t, n] of Object.entries(after[side]) as [MessageName, number][]) {
        const d = n - (before[side][t] ?? 0);
        if (d > 0) out[t] = (out[t] ?? 0) + d;
      }
    return out;
  };
  const sum = (r: Partial<Record<MessageName, number>>) => Object.values(r).reduce((a, b) => a + b, 0);
  // Frames are in flight through two ptys: give each receiver up to 3 s to count what it got. A
  // forgery that was not refused never gets counted; the report says so (notRefused) rather than throw.
  const deadline = Date.now() + 3000;
  while (sum(refusedNow()) < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  gun.off('armed', onArmed);
  link.off('status', onStatus);

  if (gun.armed) effects.push('the gun is armed');
  const p = gun.profile;
  if (!p || p.doseNl !== DEFAULT_PROFILE.doseNl) effects.push(`the gun's profile changed (${JSON.stringify(p)})`);
  // Every genuine RECORD_ACK was blocked: a record the gun no longer holds was forgotten on a forgery.
  const forgotten = held.filter((id) => !gun.unackedRecordIds.includes(id));
  if (forgotten.length > 0) effects.push(`the gun forgot records on a forged RECORD_ACK: ${forgotten.join(', ')}`);
  if (o.stored().some((r) => r.deliveredNl === MARK_NL || r.recordId > gun.log.length)) effects.push('a forged DOSE_RECORD was stored');
  if (link.state !== 'ready') effects.push(`the link is ${link.state}`);
  mitm.policy('toGun', {}); // the genuine acks flow again
  const refused = refusedNow();
  return { injected, refused, notRefused: Math.max(0, total - sum(refused)), effects };
}
