import { BinaryCopyRows, FIELD_BYTES, ROW_HEADER_BYTES, UuidBytes } from './binary-copy-rows.js';

const UUID = '0190f5a2-7c1e-7abc-8def-0123456789ab';

/** Reads binary COPY data back: the header, then each row's fields as raw byte strings. */
function parse(data: Buffer): Buffer[][] {
  expect(data.subarray(0, 11).toString('latin1')).toBe('PGCOPY\n\xff\r\n\0');
  expect(data.readInt32BE(11)).toBe(0);
  expect(data.readInt32BE(15)).toBe(0);
  const rows: Buffer[][] = [];
  let offset = 19;
  for (;;) {
    const fields = data.readInt16BE(offset);
    offset += 2;
    if (fields === -1) break;
    const row: Buffer[] = [];
    for (let field = 0; field < fields; field += 1) {
      const length = data.readInt32BE(offset);
      row.push(data.subarray(offset + 4, offset + 4 + length));
      offset += 4 + length;
    }
    rows.push(row);
  }
  expect(offset).toBe(data.length);
  return rows;
}

describe('BinaryCopyRows', () => {
  it('writes the header, each row with its field lengths, and the end marker', () => {
    const rows = new BinaryCopyRows(2, ROW_HEADER_BYTES + FIELD_BYTES.uuid + FIELD_BYTES.int16);
    const uuid = new UuidBytes().of(UUID);
    rows.row(2).uuid(uuid).int16(5);
    rows
      .row(2)
      .uuidFrom((buffer, offset) => buffer.fill(0xab, offset, offset + 16))
      .int16(-3);
    const [first, second] = parse(rows.finish());
    expect(first[0].toString('hex')).toBe(UUID.replaceAll('-', ''));
    expect(first[1].readInt16BE(0)).toBe(5);
    expect(second[0].toString('hex')).toBe('ab'.repeat(16));
    expect(second[1].readInt16BE(0)).toBe(-3);
  });

  it.each([
    ['2000-01-01T00:00:00Z', 0n],
    ['2000-01-01T00:00:01Z', 1_000_000n],
    ['1999-12-31T23:59:59Z', -1_000_000n],
    ['1970-01-01T00:00:00Z', -946_684_800_000_000n],
    ['2015-03-31T06:40:02Z', 481_099_202_000_000n],
  ])('writes %s as microseconds since 2000-01-01 (%s)', (iso, micros) => {
    const rows = new BinaryCopyRows(1, ROW_HEADER_BYTES + FIELD_BYTES.timestamptz);
    rows.row(1).timestamptz(Date.parse(iso) / 1000);
    const [[field]] = parse(rows.finish());
    expect(field.readBigInt64BE(0)).toBe(micros);
  });
});

describe('UuidBytes', () => {
  it('gives the 16 bytes of a canonical uuid, the same buffer each time', () => {
    const uuids = new UuidBytes();
    expect(uuids.of(UUID).toString('hex')).toBe('0190f5a27c1e7abc8def0123456789ab');
    expect(uuids.of(UUID)).toBe(uuids.of(UUID));
  });

  it('refuses what is not a uuid', () => {
    expect(() => new UuidBytes().of('not-a-uuid')).toThrow('not a uuid: not-a-uuid');
  });
});
