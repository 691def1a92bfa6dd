// A scripted gun on a FakePort: answers every station request the way PROTOCOL.md says (CPace
// pairing, authentication, a tagged session), so a unit test can bring a link to 'ready' in a few
// lines and then override one answer to test one path. `send` speaks as the gun does (tagged once
// authenticated); FakePort.send puts raw untagged bytes on the line, as anyone else could.
import {
  authProofs,
  DEFAULT_GUN_LIMITS,
  doseRecordMac,
  encodeFrame,
  FrameSession,
  isHandshake,
  newAuthStats,
  pairingKeys,
  pairingShare,
  PROTOCOL_VERSION,
  recordKey,
  sameProof,
  SCHEMA_HASH,
  sessionKeys,
  type AuthStats,
  type DoseRecordFields,
  type Frame,
  type Message,
  type MessageOf,
  type PairingContext,
  type PairingShare,
} from '../../device/protocol/index.js';
import type { FakePort } from './fakePort.js';

export type Answer = Message | Message[] | null;

export interface ScriptedGunOptions {
  serial?: string;
  key?: Uint8Array | null;
  identity?: Partial<MessageOf<'IDENTITY'>>;
  pairingCode?: string;
}

export function identityMessage(over: Partial<MessageOf<'IDENTITY'>> = {}): MessageOf<'IDENTITY'> {
  return {
    type: 'IDENTITY',
    model: 'MesoGun MG-9 (simulated)',
    serial: 'SIM-0001',
    firmware: '1.0.0-test',
    protocolVersion: PROTOCOL_VERSION,
    schemaHash: SCHEMA_HASH,
    paired: true,
    ...DEFAULT_GUN_LIMITS,
    ...over,
  };
}

export function doseRecordFields(recordId: number, over: Partial<DoseRecordFields> = {}): DoseRecordFields {
  return {
    recordId,
    commandedNl: 20_000,
    deliveredNl: 19_500 + recordId,
    depthUm: 2_000,
    entryPct: 0,
    dwellPct: 100,
    exitPct: 0,
    mode: 1,
    startedAtMs: 1_700_000_000_000 + recordId * 200,
    endedAtMs: 1_700_000_000_050 + recordId * 200,
    fault: 0,
    ...over,
  };
}

/** A DOSE_RECORD MAC'd under `linkKey` for gun `serial`, as that gun would make it. */
export function doseRecordMessage(recordId: number, linkKey: Uint8Array, over: Partial<DoseRecordFields> = {}, serial = 'SIM-0001'): MessageOf<'DOSE_RECORD'> {
  const fields = doseRecordFields(recordId, over);
  return { type: 'DOSE_RECORD', ...fields, recordMac: doseRecordMac(recordKey(linkKey, serial), fields) };
}

export class ScriptedGun {
  key: Uint8Array | null;
  readonly serial: string;
  pairingCode: string;
  /** Per request type: return the answer to send instead of the default (null: stay silent). */
  readonly overrides = new Map<string, (f: Frame) => Answer>();
  readonly authStats: AuthStats = newAuthStats();
  /** Station frames that arrived tagged and verified, untagged, or failed (counted by the session). */
  readonly seen: { frame: Frame; verdict: string }[] = [];
  session: FrameSession | null = null;
  private pairing: { ctx: PairingContext; own: PairingShare } | null = null;
  private auth: { stationNonce: Uint8Array; gunNonce: Uint8Array } | null = null;

  constructor(
    private readonly port: FakePort,
    private readonly opts: ScriptedGunOptions = {},
  ) {
    this.serial = opts.serial ?? 'SIM-0001';
    this.key = opts.key ?? null;
    this.pairingCode = opts.pairingCode ?? '123456';
    port.onStationFrame = (f) => this.onFrame(f);
  }

  /** One frame from the gun, tagged when a session exists: a reply when `ack` is given, else an event. */
  send(message: Message, ack = 0): void {
    const sealer = this.session && !isHandshake(message.type) ? this.session.sealer : undefined;
    this.port.feed(encodeFrame({ ack, message, sealer }));
  }

  /** A record this gun made (MAC'd under its key). */
  record(recordId: number, over: Partial<DoseRecordFields> = {}): MessageOf<'DOSE_RECORD'> {
    if (!this.key) throw new Error('the scripted gun holds no key');
    return doseRecordMessage(recordId, this.key, over, this.serial);
  }

  private onFrame(f: Frame): void {
    const verdict = this.session ? this.session.check(f) : f.tag ? 'no-session' : 'untagged';
    this.seen.push({ frame: f, verdict });
    const type = f.message.type;
    if (type === 'HEARTBEAT' || type === 'RECORD_ACK') return;
    const override = this.overrides.get(type);
    const answer = override ? override(f) : this.defaultAnswer(f.message);
    if (!answer) return;
    for (const m of Array.isArray(answer) ? answer : [answer]) {
      const isEvent = m.type === 'SYNC_DONE' || m.type === 'DOSE_RECORD' || m.type === 'FAULT';
      this.send(m, isEvent ? 0 : f.seq);
    }
  }

  private nonce(fill: number): Uint8Array {
    return new Uint8Array(16).fill(fill);
  }

  defaultAnswer(m: Message): Answer {
    switch (m.type) {
      case 'HELLO':
        this.session = null;
        return identityMessage({ serial: this.serial, paired: this.key !== null, ...this.opts.identity });
      case 'AUTH_BEGIN': {
        this.session = null;
        if (!this.key) return { type: 'NAK', code: 3, field: '', message: 'not paired' };
        this.auth = { stationNonce: m.stationNonce, gunNonce: this.nonce(7) };
        return { type: 'AUTH_CHALLENGE', gunNonce: this.auth.gunNonce, gunProof: authProofs.gun(this.key, this.serial, m.stationNonce, this.auth.gunNonce) };
      }
      case 'AUTH_PROVE': {
        const a = this.auth;
        if (!this.key || !a || !sameProof(m.stationProof, authProofs.station(this.key, this.serial, a.stationNonce, a.gunNonce)))
          return { type: 'NAK', code: 5, field: '', message: 'bad proof' };
        const keys = sessionKeys(this.key, this.serial, a.stationNonce, a.gunNonce);
        this.session = new FrameSession({ send: keys.gunToStation, receive: keys.stationToGun }, this.authStats);
        return { type: 'ACK' };
      }
      case 'PAIR_BEGIN': {
        const ctx = { serial: this.serial, stationNonce: m.stationNonce, gunNonce: this.nonce(9) };
        const own = pairingShare(this.pairingCode, ctx);
        this.pairing = { ctx, own };
        return { type: 'PAIR_CHALLENGE', gunNonce: ctx.gunNonce, gunShare: own.share };
      }
      case 'PAIR_CONFIRM': {
        const p = this.pairing;
        this.pairing = null;
        if (!p) return { type: 'NAK', code: 10, field: '', message: 'no pairing' };
        const keys = pairingKeys(p.own, m.stationShare, p.ctx, 'gun');
        if (!keys || !sameProof(m.stationConfirm, keys.stationConfirm)) return { type: 'NAK', code: 9, field: 'code', message: 'the code does not match' };
        this.key = keys.linkKey;
        return { type: 'PAIR_RESULT', gunConfirm: keys.gunConfirm };
      }
      case 'SET_PROFILE': {
        const { type: _t, ...fields } = m;
        return { type: 'PROFILE_ECHO', ...fields };
      }
      case 'ARM':
      case 'DISARM':
        return { type: 'ACK' };
      case 'SYNC_FROM':
        return [{ type: 'SYNC_STARTED', pendingRecords: 0 }, { type: 'SYNC_DONE', lastRecordId: m.afterRecordId }];
      default:
        return null;
    }
  }
}
