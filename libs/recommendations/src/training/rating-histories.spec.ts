import { RatingHistories } from './rating-histories.js';

describe('RatingHistories', () => {
  const slots = new Map([
    ['m0', 0],
    ['m1', 1],
    ['m2', 2],
  ]);

  function collect(histories: RatingHistories, maxLength: number): number[][] {
    const out: number[][] = [];
    histories.forEachHistory(maxLength, (items, length) => out.push(Array.from(items.subarray(0, length))));
    return out;
  }

  it("gives each user's modelled movies, newest first, cut at the limit", () => {
    const histories = new RatingHistories(slots);
    histories.add('alice', 'm0', 100);
    histories.add('bob', 'm2', 5);
    histories.add('alice', 'unmodelled', 300);
    histories.add('alice', 'm2', 200);
    histories.add('alice', 'm1', 150);
    expect(histories.ratingCount).toBe(4);
    expect(histories.userCount).toBe(2);
    expect(collect(histories, 2)).toEqual([[2, 1], [2]]);
  });

  it('keeps everything under the limit, in arrival order', () => {
    const histories = new RatingHistories(slots);
    histories.add('alice', 'm1', 1);
    histories.add('alice', 'm0', 2);
    expect(collect(histories, 10)).toEqual([[1, 0]]);
  });

  it('grows past its first capacity', () => {
    const histories = new RatingHistories(slots);
    for (let i = 0; i < 70_000; i += 1) histories.add(`user${i % 1000}`, `m${i % 3}`, i);
    expect(histories.ratingCount).toBe(70_000);
    const lengths: number[] = [];
    histories.forEachHistory(100, (_items, length) => lengths.push(length));
    expect(lengths).toHaveLength(1000);
    expect(lengths.every((length) => length === 70)).toBe(true);
  });
});
