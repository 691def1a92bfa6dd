// A scripted gun on a FakePort: answers every station request the way PROTOCOL.md says, so a unit
// test can bring a link to 'ready' in a few lines and then override one answer to test one path.
import {
  DEFAULT_GUN_LIMITS,
  deriveLinkKey,
  doseRecordCrc,
  encodeFrame,
  PROTOCOL_VERSION,
  proofs,
  sameProof,
  SCHEMA_HASH,
  type Frame,
  type Message,
  type MessageOf,
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

export function doseRecordMessage(recordId: number, over: Partial<MessageOf<'DOSE_RECORD'>> = {}): MessageOf<'DOSE_RECORD'> {
  const fields = {
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
  };
  return { type: 'DOSE_RECORD', ...fields, recordCrc: doseRecordCrc(fields), ...over };
}

export class ScriptedGun {
  key: Uint8Array | null;
  readonly serial: string;
  pairingCode: string;
  /** Per request type: return the answer to send instead of the default (null: stay silent). */
  readonly overrides = new Map<string, (f: Frame) => Answer>();
  private pairing: { stationNonce: Uint8Array; gunNonce: Uint8Array } | null = null;
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

  private onFrame(f: Frame): void {
    const type = f.message.type;
    if (type === 'HEARTBEAT' || type === 'RECORD_ACK') return;
    const override = this.overrides.get(type);
    const answer = override ? override(f) : this.defaultAnswer(f.message);
    if (!answer) return;
    for (const m of Array.isArray(answer) ? answer : [answer]) {
      const isEvent = m.type === 'SYNC_DONE' || m.type === 'DOSE_RECORD' || m.type === 'FAULT';
      this.port.feed(encodeFrame({ ack: isEvent ? 0 : f.seq, message: m }));
    }
  }

  private nonce(fill: number): Uint8Array {
    return new Uint8Array(16).fill(fill);
  }

  defaultAnswer(m: Message): Answer {
    switch (m.type) {
      case 'HELLO':
        return identityMessage({ serial: this.serial, paired: this.key !== null, ...this.opts.identity });
      case 'AUTH_BEGIN': {
        if (!this.key) return { type: 'NAK', code: 3, field: '', message: 'not paired' };
        this.auth = { stationNonce: m.stationNonce, gunNonce: this.nonce(7) };
        return { type: 'AUTH_CHALLENGE', gunNonce: this.auth.gunNonce, gunProof: proofs.authGun(this.key, m.stationNonce, this.auth.gunNonce) };
      }
      case 'AUTH_PROVE': {
        const a = this.auth;
        if (!this.key || !a || !sameProof(m.stationProof, proofs.authStation(this.key, a.stationNonce, a.gunNonce)))
          return { type: 'NAK', code: 5, field: '', message: 'bad proof' };
        return { type: 'ACK' };
      }
      case 'PAIR_BEGIN':
        this.pairing = { stationNonce: m.stationNonce, gunNonce: this.nonce(9) };
        return { type: 'PAIR_CHALLENGE', gunNonce: this.pairing.gunNonce };
      case 'PAIR_CONFIRM': {
        const p = this.pairing;
        this.pairing = null;
        if (!p) return { type: 'NAK', code: 10, field: '', message: 'no pairing' };
        const key = deriveLinkKey(this.pairingCode, this.serial, p.stationNonce, p.gunNonce);
        if (!sameProof(m.stationProof, proofs.pairStation(key, p.gunNonce)))
          return { type: 'NAK', code: 9, field: 'code', message: 'the code does not match' };
        this.key = key;
        return { type: 'PAIR_RESULT', gunProof: proofs.pairGun(key, p.stationNonce) };
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
