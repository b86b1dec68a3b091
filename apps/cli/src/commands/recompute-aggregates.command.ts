import { Command, CommandRunner } from 'nest-commander';
import { describeAggregateDrift, MovieAggregatesRepository } from '@app/ratings';

/** Rebuilds every movie's rating sum, rating count, watch count and popularity from the tables. */
@Command({
  name: 'recompute-aggregates',
  description: "rebuild every movie's aggregates from ratings and watch history, reporting any drift repaired",
})
export class RecomputeAggregatesCommand extends CommandRunner {
  constructor(private readonly aggregates: MovieAggregatesRepository) {
    super();
  }

  async run(): Promise<void> {
    console.log(describeAggregateDrift(await this.aggregates.recomputeAll()));
  }
}
