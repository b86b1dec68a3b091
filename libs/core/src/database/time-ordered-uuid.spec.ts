import { timeOrderedUuid, TimeOrderedUuidSequence } from './time-ordered-uuid.js';

describe('timeOrderedUuid', () => {
  it('is a version 7, RFC 9562 variant UUID', () => {
    expect(timeOrderedUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('starts with the milliseconds, so later ids sort after earlier ones', () => {
    const at = Date.UTC(2026, 10, 26, 12, 0, 0, 5);
    expect(timeOrderedUuid(at).slice(0, 13)).toBe(
      `${at.toString(16).padStart(12, '0').slice(0, 8)}-${at.toString(16).padStart(12, '0').slice(8)}`,
    );
    const ids = [at, at + 1, at + 1_000, at + 86_400_000].map((ms) => timeOrderedUuid(ms));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs within one millisecond', () => {
    const at = Date.now();
    expect(new Set(Array.from({ length: 1000 }, () => timeOrderedUuid(at))).size).toBe(1000);
  });
});

describe('TimeOrderedUuidSequence', () => {
  const take = (sequence: TimeOrderedUuidSequence, count: number) =>
    Array.from({ length: count }, () => sequence.nextText());

  it('writes version 7 ids of its start millisecond, each greater than the one before', () => {
    const at = Date.UTC(2026, 10, 26, 12, 0, 0, 5);
    const ids = take(new TimeOrderedUuidSequence(at), 70_000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(ids[0].slice(0, 13)).toBe(timeOrderedUuid(at).slice(0, 13));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes the same ids as bytes, at the offset it is given and nowhere else', () => {
    const at = Date.now();
    const bytes = Buffer.alloc(20, 0xee);
    new TimeOrderedUuidSequence(at).writeNext(bytes, 2);
    expect(bytes.subarray(2, 16).toString('hex')).toBe(
      new TimeOrderedUuidSequence(at).nextText().replaceAll('-', '').slice(0, 28),
    );
    expect(bytes.subarray(0, 2).toString('hex')).toBe('eeee');
    expect(bytes.subarray(18).toString('hex')).toBe('eeee');
  });
});
