/** "PGCOPY\n\377\r\n\0": the signature that opens binary COPY data. */
const SIGNATURE = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]);
/** The signature, the flags field and the header extension length (both 0). */
const HEADER_BYTES = SIGNATURE.length + 8;
const TRAILER_BYTES = 2;
/** PostgreSQL counts timestamps in microseconds from 2000-01-01T00:00:00Z. */
const POSTGRES_EPOCH_UNIX_SECONDS = 946_684_800;
const TWO_TO_THE_32 = 2 ** 32;

/** What one field costs: its 4-byte length, then its value. */
export const FIELD_BYTES = { uuid: 4 + 16, int16: 4 + 2, timestamptz: 4 + 8 } as const;
/** What one row costs before its fields: the 2-byte field count. */
export const ROW_HEADER_BYTES = 2;

/**
 * Rows in PostgreSQL's binary COPY format (`COPY … FROM STDIN (FORMAT binary)`), for the column types
 * the importer writes. The server parses nothing: a uuid is 16 bytes copied, a timestamp one integer,
 * where the text format parsed every uuid and timestamp from text. Values must match the column
 * types of the COPY exactly (the server checks only lengths).
 */
export class BinaryCopyRows {
  private readonly buffer: Buffer;
  private offset = HEADER_BYTES;

  /** `rows` rows of at most `bytesPerRow` bytes each (ROW_HEADER_BYTES plus FIELD_BYTES of each field). */
  constructor(rows: number, bytesPerRow: number) {
    this.buffer = Buffer.allocUnsafe(HEADER_BYTES + rows * bytesPerRow + TRAILER_BYTES);
    SIGNATURE.copy(this.buffer, 0);
    this.buffer.writeInt32BE(0, SIGNATURE.length);
    this.buffer.writeInt32BE(0, SIGNATURE.length + 4);
  }

  /** Starts a row of `fields` fields. */
  row(fields: number): this {
    this.offset = this.buffer.writeInt16BE(fields, this.offset);
    return this;
  }

  /** A uuid given as its 16 bytes. */
  uuid(bytes: Uint8Array): this {
    this.offset = this.buffer.writeInt32BE(16, this.offset);
    this.buffer.set(bytes, this.offset);
    this.offset += 16;
    return this;
  }

  /** A uuid written in place by `write(buffer, offset)`, which must fill 16 bytes. */
  uuidFrom(write: (buffer: Buffer, offset: number) => void): this {
    this.offset = this.buffer.writeInt32BE(16, this.offset);
    write(this.buffer, this.offset);
    this.offset += 16;
    return this;
  }

  int16(value: number): this {
    this.offset = this.buffer.writeInt32BE(2, this.offset);
    this.offset = this.buffer.writeInt16BE(value, this.offset);
    return this;
  }

  /** A timestamptz from whole Unix seconds (negative before 1970 too). */
  timestamptz(unixSeconds: number): this {
    // Below 2^53 for any year up to about 287,000, so the number arithmetic is exact.
    const micros = (unixSeconds - POSTGRES_EPOCH_UNIX_SECONDS) * 1_000_000;
    const high = Math.floor(micros / TWO_TO_THE_32);
    this.offset = this.buffer.writeInt32BE(8, this.offset);
    this.offset = this.buffer.writeInt32BE(high, this.offset);
    this.offset = this.buffer.writeUInt32BE(micros - high * TWO_TO_THE_32, this.offset);
    return this;
  }

  /** The COPY data: header, rows and the end marker. Write no more rows afterwards. */
  finish(): Buffer {
    this.offset = this.buffer.writeInt16BE(-1, this.offset);
    return this.buffer.subarray(0, this.offset);
  }
}

/** The 16 bytes of a uuid in its canonical text form, kept per id (an import sees each user and movie many times). */
export class UuidBytes {
  private readonly known = new Map<string, Buffer>();

  of(id: string): Buffer {
    let bytes = this.known.get(id);
    if (bytes === undefined) {
      bytes = Buffer.from(id.replaceAll('-', ''), 'hex');
      if (bytes.length !== 16) throw new Error(`not a uuid: ${id}`);
      this.known.set(id, bytes);
    }
    return bytes;
  }
}
