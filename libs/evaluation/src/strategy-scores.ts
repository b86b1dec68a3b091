import { hitRateAtK, ndcgAtK, recallAtK } from './ranking-metrics.js';

/** The cut-offs the evaluation reports (SPEC.md section 9). */
export const CUTOFFS = { ndcg: 10, recall: 20, hitRate: 10, coverage: 10, popularity: 10 } as const;

/** Means over the evaluated users of one strategy's lists. */
export interface StrategyScores {
  ndcgAt10: number;
  recallAt20: number;
  hitRateAt10: number;
  /** Distinct movies in all top-10 lists / movies in the catalogue. */
  coverageAt10: number;
  /** Mean, over every recommended top-10 item, of its number of ratings in the training part. */
  meanPopularityAt10: number;
  usersEvaluated: number;
}

/** Collects one strategy's lists user by user and turns them into `StrategyScores`. */
export class StrategyScoreboard<T> {
  private users = 0;
  private ndcg = 0;
  private recall = 0;
  private hits = 0;
  private popularitySum = 0;
  private popularityItems = 0;
  private readonly covered = new Set<T>();

  /**
   * @param catalogueSize movies that could have been recommended
   * @param popularity an item's number of training ratings (0 when it has none)
   */
  constructor(
    private readonly catalogueSize: number,
    private readonly popularity: (item: T) => number,
  ) {}

  add(ranked: readonly T[], relevant: ReadonlySet<T>): void {
    this.users += 1;
    this.ndcg += ndcgAtK(ranked, relevant, CUTOFFS.ndcg);
    this.recall += recallAtK(ranked, relevant, CUTOFFS.recall);
    this.hits += hitRateAtK(ranked, relevant, CUTOFFS.hitRate);
    for (const item of ranked.slice(0, CUTOFFS.coverage)) this.covered.add(item);
    for (const item of ranked.slice(0, CUTOFFS.popularity)) {
      this.popularitySum += this.popularity(item);
      this.popularityItems += 1;
    }
  }

  scores(): StrategyScores {
    const mean = (sum: number, count: number) => (count === 0 ? 0 : sum / count);
    return {
      ndcgAt10: mean(this.ndcg, this.users),
      recallAt20: mean(this.recall, this.users),
      hitRateAt10: mean(this.hits, this.users),
      coverageAt10: mean(this.covered.size, this.catalogueSize),
      meanPopularityAt10: mean(this.popularitySum, this.popularityItems),
      usersEvaluated: this.users,
    };
  }
}
