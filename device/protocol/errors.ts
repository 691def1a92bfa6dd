// Typed protocol errors (after Betaflight's MSP handling): a bad frame is a value the caller counts,
// never an exception that escapes the decoder.

export type FrameErrorKind =
  | 'cobs' // not valid COBS between two delimiters
  | 'short' // fewer bytes than a header and a CRC
  | 'oversize' // longer than any legal frame: the bytes are dropped until the next delimiter
  | 'crc' // the CRC-32 does not match
  | 'length' // the header's length does not match the bytes present
  | 'version' // a protocol version this build does not speak
  | 'unknownType' // a type code absent from the message table
  | 'payload'; // the payload does not match the message's fields (size, UTF-8, boolean, string length)

export interface FrameError {
  readonly kind: FrameErrorKind;
  readonly detail: string;
}

export class ProtocolError extends Error {
  constructor(
    readonly kind: FrameErrorKind,
    detail: string,
  ) {
    super(`${kind}: ${detail}`);
    this.name = 'ProtocolError';
  }
}
