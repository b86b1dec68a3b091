import { StrategyScoreboard } from './strategy-scores.js';

describe('StrategyScoreboard', () => {
  const ratingsCount = new Map([
    [1, 10],
    [2, 4],
    [3, 0],
  ]);
  const popularity = (movie: number) => ratingsCount.get(movie) ?? 0;

  it('averages each metric over the users and counts coverage and popularity over the top 10', () => {
    const board = new StrategyScoreboard(10, popularity);
    board.add([1, 2], new Set([1])); // perfect: NDCG 1, recall 1, hit 1
    board.add([3, 1], new Set([2])); // nothing relevant served
    expect(board.scores()).toEqual({
      ndcgAt10: 0.5,
      recallAt20: 0.5,
      hitRateAt10: 0.5,
      coverageAt10: 3 / 10,
      meanPopularityAt10: (10 + 4 + 0 + 10) / 4,
      usersEvaluated: 2,
    });
  });

  it('counts only the first 10 items for coverage and popularity, the first 20 for recall', () => {
    const board = new StrategyScoreboard(100, () => 1);
    const ranked = Array.from({ length: 25 }, (_, i) => 100 + i);
    board.add(ranked, new Set([100 + 15]));
    const scores = board.scores();
    expect(scores.coverageAt10).toBe(10 / 100);
    expect(scores.meanPopularityAt10).toBe(1);
    expect(scores.recallAt20).toBe(1);
    expect(scores.ndcgAt10).toBe(0);
  });

  it('reports zeros for no users', () => {
    expect(new StrategyScoreboard(10, popularity).scores()).toEqual({
      ndcgAt10: 0,
      recallAt20: 0,
      hitRateAt10: 0,
      coverageAt10: 0,
      meanPopularityAt10: 0,
      usersEvaluated: 0,
    });
  });
});
