// Byte helpers the protocol's crypto shares. Comparisons of secrets (proofs, tags, MACs) go through
// `sameBytes`, which does not stop at the first difference.
import { equalBytes } from '@noble/curves/utils.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';

export { bytesToHex, concatBytes };

export function utf8(text: string): Uint8Array {
  return utf8ToBytes(text);
}

/** Constant-time equality for proofs, tags and MACs (false when the lengths differ). */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && equalBytes(a, b);
}
