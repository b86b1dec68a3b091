import { SeededRandom } from './seeded-random.js';

describe('SeededRandom', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, () => new SeededRandom(seed)).map((r) => r.next());
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const first = [a.next(), a.next(), a.next()];
    expect([b.next(), b.next(), b.next()]).toEqual(first);
    expect([c.next(), c.next(), c.next()]).not.toEqual(first);
    expect(new Set(draw(7)).size).toBe(1);
  });

  it('samples distinct indexes within range', () => {
    const picks = new SeededRandom(1).sample(10, 6);
    expect(picks).toHaveLength(6);
    expect(new Set(picks).size).toBe(6);
    expect(picks.every((index) => index >= 0 && index < 10)).toBe(true);
    expect(new SeededRandom(1).sample(3, 6).sort()).toEqual([0, 1, 2]);
  });

  it('draws integers within bounds', () => {
    const random = new SeededRandom(9);
    const values = Array.from({ length: 200 }, () => random.integer(3, 5));
    expect(new Set(values)).toEqual(new Set([3, 4, 5]));
  });
});
