import { Command, CommandRunner } from 'nest-commander';
import { MovieAggregatesRepository } from '@app/ratings';

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
    const report = await this.aggregates.recomputeAll();
    console.log(
      report.repaired === 0
        ? `All ${report.movies} movies had exact aggregates; nothing to repair.`
        : `${report.repaired} of ${report.movies} movies had drifted aggregates; repaired.`,
    );
  }
}
