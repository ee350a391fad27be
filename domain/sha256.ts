// SHA-256 from a maintained, audited pure-JS implementation (@noble/hashes): workflow code cannot
// use node:crypto, and a library is safer than a hand-written digest. It runs inside the workflow
// sandbox (no I/O, no globals beyond TextEncoder), so the election's lot can be drawn there.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Hex SHA-256 of `bytes`. */
export function sha256Bytes(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** Hex SHA-256 of the UTF-8 encoding of `text` (lone surrogates become U+FFFD, as in Node). */
export function sha256Hex(text: string): string {
  return sha256Bytes(new TextEncoder().encode(text));
}
