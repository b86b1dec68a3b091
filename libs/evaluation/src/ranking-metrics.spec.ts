import { hitRateAtK, ndcgAtK, recallAtK } from './ranking-metrics.js';

const set = (...items: number[]) => new Set(items);

describe('ranking metrics', () => {
  it('scores a perfect list 1', () => {
    const ranked = [1, 2, 3, 4];
    expect(ndcgAtK(ranked, set(1, 2, 3), 10)).toBeCloseTo(1, 12);
    expect(recallAtK(ranked, set(1, 2, 3), 20)).toBe(1);
    expect(hitRateAtK(ranked, set(1, 2, 3), 10)).toBe(1);
  });

  it('scores an empty list 0', () => {
    expect(ndcgAtK([], set(1, 2), 10)).toBe(0);
    expect(recallAtK([], set(1, 2), 20)).toBe(0);
    expect(hitRateAtK([], set(1, 2), 10)).toBe(0);
  });

  it('scores 0 when nothing is relevant', () => {
    expect(ndcgAtK([1, 2, 3], set(), 10)).toBe(0);
    expect(recallAtK([1, 2, 3], set(), 20)).toBe(0);
    expect(hitRateAtK([1, 2, 3], set(), 10)).toBe(0);
  });

  it('discounts a hit by log2 of its position plus one', () => {
    // One relevant item at rank 3 (0-based 2): DCG = 1/log2(4) = 0.5, IDCG = 1.
    expect(ndcgAtK([7, 8, 1], set(1), 10)).toBeCloseTo(0.5, 12);
    // Relevant {1, 2}, hits at ranks 1 and 3: (1 + 1/2) / (1 + 1/log2(3)).
    expect(ndcgAtK([1, 9, 2], set(1, 2), 10)).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3)), 12);
  });

  it('bounds the ideal list by k when more items are relevant than k', () => {
    // 5 relevant, k = 2, both first positions hit: a perfect top-2.
    expect(ndcgAtK([1, 2, 9], set(1, 2, 3, 4, 5), 2)).toBeCloseTo(1, 12);
    expect(recallAtK([1, 2, 9], set(1, 2, 3, 4, 5), 2)).toBeCloseTo(0.4, 12);
  });

  it('ignores what lies beyond k', () => {
    const ranked = [9, 8, 7, 1];
    expect(ndcgAtK(ranked, set(1), 3)).toBe(0);
    expect(recallAtK(ranked, set(1), 3)).toBe(0);
    expect(hitRateAtK(ranked, set(1), 3)).toBe(0);
    expect(hitRateAtK(ranked, set(1), 4)).toBe(1);
  });

  it('scores a list shorter than k on what it has', () => {
    // Two items served for k = 10, the second relevant; the ideal list still has 2 hits.
    expect(ndcgAtK([9, 1], set(1, 2), 10)).toBeCloseTo(1 / Math.log2(3) / (1 + 1 / Math.log2(3)), 12);
    expect(recallAtK([9, 1], set(1, 2), 20)).toBe(0.5);
    expect(hitRateAtK([9, 1], set(1, 2), 10)).toBe(1);
  });

  it('counts a repeated item once, at its first position (ties in the list)', () => {
    expect(ndcgAtK([1, 1, 1], set(1, 2), 10)).toBeCloseTo(ndcgAtK([1], set(1, 2), 10), 12);
    expect(recallAtK([1, 1], set(1, 2), 20)).toBe(0.5);
  });

  it('gives lists with hits at the same positions the same score, whatever the items', () => {
    expect(ndcgAtK([1, 9, 2], set(1, 2), 10)).toBe(ndcgAtK([2, 8, 1], set(1, 2), 10));
  });
});
