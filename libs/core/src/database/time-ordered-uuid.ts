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
  return formatUuid(bytes);
}

function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Version 7 UUIDs for one bulk load, each greater than the one before: the load's start millisecond,
 * then a 40-bit sequence number where RFC 9562 allows a counter in place of random bits (its
 * "monotonic" method), then 16 random bits. Ids in load order let PostgreSQL build the primary key
 * from presorted input. Unique as long as two loads never start in the same millisecond; the
 * importer's loads are serialized by a lock.
 */
export class TimeOrderedUuidSequence {
  private sequence = 0;

  constructor(private readonly unixMs: number = Date.now()) {}

  /** Writes the next id's 16 bytes at `offset`. */
  readonly writeNext = (target: Buffer, offset: number): void => {
    target.writeUIntBE(this.unixMs, offset, 6);
    target[offset + 6] = 0x70;
    target[offset + 7] = 0;
    target[offset + 8] = 0x80;
    target.writeUIntBE(this.sequence, offset + 9, 5);
    target.writeUInt16BE((Math.random() * 0x10000) >>> 0, offset + 14);
    this.sequence += 1;
  };

  /** The next id in its canonical text form. */
  nextText(): string {
    const bytes = Buffer.allocUnsafe(16);
    this.writeNext(bytes, 0);
    return formatUuid(bytes);
  }
}
