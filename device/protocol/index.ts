// The gun protocol: pure encode/decode and the link's cryptography, no I/O. See PROTOCOL.md beside
// this file.
export * from './auth.js';
export * from './bytes.js';
export * from './cobs.js';
export * from './codec.js';
export * from './constants.js';
export * from './crc32.js';
export * from './dose.js';
export * from './errors.js';
export * from './frame.js';
export * from './pake.js';
export * from './schema.js';
export * from './schemaHash.js';
export * from './session.js';
export * from './tags.js';
