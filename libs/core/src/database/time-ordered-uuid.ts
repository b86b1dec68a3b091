import { randomFillSync } from 'node:crypto';

/**
 * A version 7 UUID (RFC 9562): 48 bits of Unix time in milliseconds, then random bits. Rows written
 * one after another get neighbouring ids, so a primary-key index grows at its right edge; a random
 * (version 4) id touches a random page of a 25M-row index on every insert, and logs a full-page image
 * of it after each checkpoint.
 */
export function timeOrderedUuid(unixMs: number = Date.now()): string {
  const bytes = randomFillSync(Buffer.alloc(16));
  bytes.writeUIntBE(unixMs, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
