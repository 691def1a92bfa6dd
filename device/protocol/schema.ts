// The message table: one entry per message, its type code, its direction and its fields in wire
// order. Codec, TypeScript types, schema hash and the protocol document's table all derive from it,
// so the three can never disagree.
//
// Units are integers on the wire (no floats): volumes in nanolitres (nL), depth in micrometres (um),
// shares in whole percent, times in milliseconds since the Unix epoch, intervals in milliseconds.

export type FieldType =
  | 'u8'
  | 'u16'
  | 'u32'
  | 'u64'
  | 'bool'
  | 'str'
  | 'bytes8'
  | 'bytes16'
  | 'bytes32';

export type FieldSpec = readonly [name: string, type: FieldType];

interface MessageSpec {
  readonly code: number;
  /** Who sends it: the station (to the gun) or the gun (to the station). */
  readonly from: 'station' | 'gun';
  /**
   * request: the station waits for the gun's reply (stop-and-wait, retransmitted with the same seq).
   * reply: the gun's answer to a request; its `ack` is the request's seq.
   * event: sent unprompted; never answered at the link level (dose records are acknowledged by id).
   */
  readonly kind: 'request' | 'reply' | 'event';
  readonly fields: readonly FieldSpec[];
  /**
   * The handshake: sent before any session key exists, so never tagged. Every other frame carries a
   * tag once the connection is authenticated (PROTOCOL.md, "Authenticated frames").
   */
  readonly handshake?: true;
}

export const MAX_STRING_BYTES = 64;

const IDENTITY_FIELDS = [
  ['model', 'str'],
  ['serial', 'str'],
  ['firmware', 'str'],
  ['protocolVersion', 'u8'],
  ['schemaHash', 'bytes8'],
  ['paired', 'bool'],
  ['doseMinNl', 'u32'],
  ['doseMaxNl', 'u32'],
  ['depthMinUm', 'u16'],
  ['depthMaxUm', 'u16'],
  ['maxShotsPerS', 'u8'],
  ['minIntervalMs', 'u16'],
  ['reservoirCapacityNl', 'u32'],
] as const satisfies readonly FieldSpec[];

const PROFILE_FIELDS = [
  ['doseNl', 'u32'],
  ['entryPct', 'u8'],
  ['dwellPct', 'u8'],
  ['exitPct', 'u8'],
  ['depthUm', 'u16'],
  ['mode', 'u8'],
  ['minIntervalMs', 'u16'],
] as const satisfies readonly FieldSpec[];

export const MESSAGES = {
  // ----- station -> gun: requests
  HELLO: { code: 0x01, from: 'station', kind: 'request', handshake: true, fields: [['protocolVersion', 'u8'], ['stationName', 'str']] },
  // Pairing is CPace over ristretto255 (pake.ts): the gun's share comes with its nonce, the station's
  // with its key confirmation once the operator has typed the code the gun shows.
  PAIR_BEGIN: { code: 0x02, from: 'station', kind: 'request', handshake: true, fields: [['stationNonce', 'bytes16']] },
  PAIR_CONFIRM: { code: 0x03, from: 'station', kind: 'request', handshake: true, fields: [['stationShare', 'bytes32'], ['stationConfirm', 'bytes32']] },
  AUTH_BEGIN: { code: 0x04, from: 'station', kind: 'request', handshake: true, fields: [['stationNonce', 'bytes16']] },
  AUTH_PROVE: { code: 0x05, from: 'station', kind: 'request', handshake: true, fields: [['stationProof', 'bytes32']] },
  SET_PROFILE: { code: 0x06, from: 'station', kind: 'request', fields: PROFILE_FIELDS },
  // budgetNl: the volume the gun may still deliver while this arming lasts (PROTOCOL.md, "Budget"):
  // the gun enforces it itself, so a hard volume limit holds even when the station's records lag.
  ARM: { code: 0x07, from: 'station', kind: 'request', fields: [['budgetNl', 'u32']] },
  DISARM: { code: 0x08, from: 'station', kind: 'request', fields: [] },
  SYNC_FROM: { code: 0x09, from: 'station', kind: 'request', fields: [['afterRecordId', 'u32']] },
  GET_STATUS: { code: 0x0a, from: 'station', kind: 'request', fields: [] },
  // ----- station -> gun: events
  HEARTBEAT: { code: 0x20, from: 'station', kind: 'event', fields: [['stationTimeMs', 'u64']] },
  RECORD_ACK: { code: 0x21, from: 'station', kind: 'event', fields: [['recordId', 'u32']] },
  // ----- gun -> station: replies
  ACK: { code: 0x80, from: 'gun', kind: 'reply', fields: [] },
  NAK: { code: 0x81, from: 'gun', kind: 'reply', fields: [['code', 'u8'], ['field', 'str'], ['message', 'str']] },
  IDENTITY: { code: 0x82, from: 'gun', kind: 'reply', handshake: true, fields: IDENTITY_FIELDS },
  PAIR_CHALLENGE: { code: 0x83, from: 'gun', kind: 'reply', handshake: true, fields: [['gunNonce', 'bytes16'], ['gunShare', 'bytes32']] },
  PAIR_RESULT: { code: 0x84, from: 'gun', kind: 'reply', handshake: true, fields: [['gunConfirm', 'bytes32']] },
  AUTH_CHALLENGE: { code: 0x85, from: 'gun', kind: 'reply', handshake: true, fields: [['gunNonce', 'bytes16'], ['gunProof', 'bytes32']] },
  PROFILE_ECHO: { code: 0x86, from: 'gun', kind: 'reply', fields: PROFILE_FIELDS },
  SYNC_STARTED: { code: 0x87, from: 'gun', kind: 'reply', fields: [['pendingRecords', 'u32']] },
  // ----- gun -> station: events
  STATUS: {
    code: 0xa0,
    from: 'gun',
    kind: 'event',
    fields: [
      ['armed', 'bool'],
      // Whether the gun holds an authenticated session with this station: false after a gun restart
      // behind a port that stayed open, which the station must see at once (it re-authenticates).
      ['authenticated', 'bool'],
      ['reservoirNl', 'u32'],
      ['batteryPct', 'u8'],
      ['needleSeated', 'bool'],
      ['faultFlags', 'u16'],
      ['gunTimeMs', 'u64'],
      ['lastRecordId', 'u32'],
    ],
  },
  DOSE_RECORD: {
    code: 0xa1,
    from: 'gun',
    kind: 'event',
    fields: [
      ['recordId', 'u32'],
      ['commandedNl', 'u32'],
      ['deliveredNl', 'u32'],
      ['depthUm', 'u16'],
      ['entryPct', 'u8'],
      ['dwellPct', 'u8'],
      ['exitPct', 'u8'],
      ['mode', 'u8'],
      ['startedAtMs', 'u64'],
      ['endedAtMs', 'u64'],
      ['fault', 'u8'],
      // HMAC-SHA256 under a key derived from the gun's long-term link key, over every field above
      // (auth.ts, recordMac): the station keeps it with the record, so a stored record can be
      // re-verified later, and a record nobody with the key made is recognised as such.
      ['recordMac', 'bytes32'],
    ],
  },
  SYNC_DONE: { code: 0xa2, from: 'gun', kind: 'event', fields: [['lastRecordId', 'u32']] },
  FAULT: { code: 0xa3, from: 'gun', kind: 'event', fields: [['code', 'u8'], ['active', 'bool'], ['detail', 'str']] },
} as const satisfies Record<string, MessageSpec>;

export type MessageName = keyof typeof MESSAGES;

type TsOf<T extends FieldType> = T extends 'str'
  ? string
  : T extends 'bool'
    ? boolean
    : T extends 'bytes8' | 'bytes16' | 'bytes32'
      ? Uint8Array
      : number;

type PayloadOf<F extends readonly FieldSpec[]> = { -readonly [K in F[number] as K[0]]: TsOf<K[1]> };

export type MessageOf<N extends MessageName> = { type: N } & PayloadOf<(typeof MESSAGES)[N]['fields']>;
export type Message = { [N in MessageName]: MessageOf<N> }[MessageName];

export type RequestName = { [N in MessageName]: (typeof MESSAGES)[N]['kind'] extends 'request' ? N : never }[MessageName];

const BY_CODE = new Map<number, MessageName>(
  (Object.keys(MESSAGES) as MessageName[]).map((name) => [MESSAGES[name].code, name]),
);

export function messageNameForCode(code: number): MessageName | undefined {
  return BY_CODE.get(code);
}

/** True for the handshake messages, which never carry a tag. */
export function isHandshake(name: MessageName): boolean {
  return (MESSAGES[name] as MessageSpec).handshake === true;
}
