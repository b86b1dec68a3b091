import { Command, CommandRunner } from 'nest-commander';
import { describeAggregateDrift, MovieAggregatesRepository } from '@app/ratings';
import { CachedAnswers } from '../cache/cached-answers.js';

/** Rebuilds every movie's rating sum, rating count, watch count and popularity from the tables. */
@Command({
  name: 'recompute-aggregates',
  description: "rebuild every movie's aggregates from ratings and watch history, reporting any drift repaired",
})
export class RecomputeAggregatesCommand extends CommandRunner {
  constructor(
    private readonly aggregates: MovieAggregatesRepository,
    private readonly cachedAnswers: CachedAnswers,
  ) {
    super();
  }

  async run(): Promise<void> {
    const report = await this.aggregates.recomputeAll();
    console.log(describeAggregateDrift(report));
    if (report.repaired > 0) await this.cachedAnswers.dropAll();
  }
}
