// The gun's answers to station requests (PROTOCOL.md, "Messages"), and its memory of the last one: a
// retransmission (same seq and type, and the same bytes, so the same counter when tagged) gets the
// stored reply again and is never executed twice.
import {
  checkProfile,
  profileFromWire,
  profileToWire,
  sameBytes,
  type AuthRejection,
  type Frame,
  type GunLimits,
  type Message,
  type MessageOf,
} from '../protocol/index.js';
import { nak, type GunAuth } from './gunAuth.js';
import type { RecordOutbox } from './recordOutbox.js';
import type { ShotEngine } from './shotEngine.js';

export interface RequestHandlerPorts {
  auth: GunAuth;
  shots: ShotEngine;
  outbox: RecordOutbox;
  limits: GunLimits;
  identity(): MessageOf<'IDENTITY'>;
  status(): MessageOf<'STATUS'>;
  /** HELLO: a new connection starts (disarmed, unauthenticated). */
  newConnection(): void;
  /** Encodes a reply (tagged when a session exists) and sends it. Returns the bytes sent. */
  reply(ack: number, message: Message): Uint8Array;
  transmit(bytes: Uint8Array): void;
}

interface RequestMemory {
  seq: number;
  type: Message['type'];
  /** The tag's counter, or null for an untagged request (then `signed` must match too). */
  counter: number | null;
  signed: Uint8Array;
  replies: Uint8Array[];
  /** For SYNC_FROM: the replay that followed the reply is repeated too. */
  syncAfter?: number;
}

export class RequestHandler {
  private last: RequestMemory | null = null;

  constructor(private readonly p: RequestHandlerPorts) {}

  /**
   * True when `frame` repeats the last request: the same bytes again, as the station's retransmission
   * sends them. A tagged repeat is one whose tag verified but whose counter was already used.
   */
  isRepeat(frame: Frame, verdict: 'ok' | AuthRejection | 'no-session'): boolean {
    const last = this.last;
    const m = frame.message;
    if (!last || m.type === 'HELLO' || last.seq !== frame.seq || last.type !== m.type) return false;
    if (frame.tag) return verdict === 'replayed' && last.counter === frame.tag.counter;
    return last.counter === null && sameBytes(last.signed, frame.signed);
  }

  /** Sends the stored reply again, never executing twice. */
  repeat(): void {
    const last = this.last;
    if (!last) return;
    for (const bytes of last.replies) this.p.transmit(bytes);
    if (last.syncAfter !== undefined) this.p.outbox.replay(last.syncAfter);
  }

  forget(): void {
    this.last = null;
  }

  handle(frame: Frame): void {
    const m = frame.message;
    const memory: RequestMemory = { seq: frame.seq, type: m.type, counter: frame.tag?.counter ?? null, signed: frame.signed, replies: [] };
    const reply = (message: Message): void => {
      memory.replies.push(this.p.reply(frame.seq, message));
    };
    if (m.type === 'HELLO') this.p.newConnection();
    this.last = memory;
    const { auth, shots } = this.p;
    switch (m.type) {
      case 'HELLO':
        return reply(this.p.identity());
      case 'PAIR_BEGIN':
        return reply(auth.pairBegin(m));
      case 'PAIR_CONFIRM':
        return reply(auth.pairConfirm(m));
      case 'AUTH_BEGIN':
        return reply(auth.authBegin(m));
      case 'AUTH_PROVE':
        return reply(auth.authProve(m));
      case 'SET_PROFILE': {
        if (!auth.authenticated) return reply(nak('notAuthenticated', '', 'authenticate first'));
        const profile = profileFromWire(m);
        if (!profile) return reply(nak('outOfLimits', 'mode', `unknown mode ${m.mode}`));
        const violation = checkProfile(profile, this.p.limits);
        if (violation) return reply(nak('outOfLimits', violation.field, violation.message));
        shots.disarm('profile-changed'); // PROTOCOL.md: setting a profile disarms
        shots.profile = profile;
        return reply({ type: 'PROFILE_ECHO', ...profileToWire(profile) });
      }
      case 'ARM': {
        if (!auth.authenticated) return reply(nak('notAuthenticated', '', 'authenticate first'));
        const refusal = shots.armRefusal(m.budgetNl);
        if (refusal) return reply(nak('cannotArm', refusal.field, refusal.message));
        shots.arm(m.budgetNl);
        return reply({ type: 'ACK' });
      }
      case 'DISARM':
        // Always accepted, authenticated or not, tagged or not: making the gun safe never needs a key.
        shots.disarm('station');
        return reply({ type: 'ACK' });
      case 'SYNC_FROM': {
        if (!auth.authenticated) return reply(nak('notAuthenticated', '', 'authenticate first'));
        reply({ type: 'SYNC_STARTED', pendingRecords: this.p.outbox.syncFrom(m.afterRecordId) });
        memory.syncAfter = m.afterRecordId;
        this.p.outbox.replay(m.afterRecordId);
        return;
      }
      case 'GET_STATUS':
        // STATUS is the answer; sent as a reply (ack = the request's seq) so the station can match it.
        return reply(this.p.status());
      default:
        return reply(nak('malformed', '', `${m.type} is not a request`));
    }
  }
}
