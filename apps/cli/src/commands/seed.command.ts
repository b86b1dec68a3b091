import { Command, CommandRunner, Option } from 'nest-commander';
import { DEFAULT_RANDOM_SEED, DEFAULT_SEED_MOVIES_FILE, formatIssue, SeedService } from '@app/importer';
import { CachedAnswers } from '../cache/cached-answers.js';

interface SeedFlags {
  adminEmail?: string;
  adminPassword?: string;
  userPassword?: string;
  movies?: string;
  randomSeed?: number;
  strict?: boolean;
}

@Command({
  name: 'seed',
  description:
    'Load the demo data: an admin, user0..user4@email.com, the movies of a file, and 6 watches (2 rated) per ' +
    'user. Deterministic with --random-seed; running it twice changes nothing.',
})
export class SeedCommand extends CommandRunner {
  constructor(
    private readonly seeder: SeedService,
    private readonly cachedAnswers: CachedAnswers,
  ) {
    super();
  }

  async run(_params: string[], flags: SeedFlags): Promise<void> {
    const summary = await this.seeder.seed({
      adminEmail: flags.adminEmail,
      adminPassword: flags.adminPassword,
      userPassword: flags.userPassword,
      moviesFile: flags.movies,
      randomSeed: flags.randomSeed,
      strict: flags.strict,
    });
    for (const issue of summary.issues) console.warn(`skipped ${formatIssue(issue)}`);
    const { admin } = summary;
    console.log(
      admin.created
        ? `Admin ${admin.email} created${admin.generatedPassword ? ` with password: ${admin.generatedPassword}` : ''}`
        : `Admin ${admin.email} already exists (password unchanged)`,
    );
    const created = summary.users.filter((user) => user.created).map((user) => user.email);
    if (created.length > 0) {
      console.log(
        `Users ${created.join(', ')} created` + (summary.userPassword ? ` with password: ${summary.userPassword}` : ''),
      );
    }
    if (summary.userPassword || admin.generatedPassword) console.log('(passwords are shown this once)');
    console.log(
      `Seeded: ${summary.moviesAdded} of ${summary.moviesInFile} movies added, ` +
        `${summary.watchesAdded} watches and ${summary.ratingsAdded} ratings added.`,
    );
    if (summary.moviesAdded + summary.watchesAdded + summary.ratingsAdded > 0) await this.cachedAnswers.dropAll();
  }

  @Option({
    flags: '--admin-email <email>',
    description: 'the admin account (default SEED_ADMIN_EMAIL or admin@email.com)',
  })
  parseAdminEmail(value: string): string {
    return value;
  }

  @Option({
    flags: '--admin-password <password>',
    description: 'default SEED_ADMIN_PASSWORD, else generated and printed',
  })
  parseAdminPassword(value: string): string {
    return value;
  }

  @Option({ flags: '--user-password <password>', description: 'password of the 5 demo users (default: generated)' })
  parseUserPassword(value: string): string {
    return value;
  }

  @Option({
    flags: '--movies <file>',
    description: `movies CSV in the original's format (default ${DEFAULT_SEED_MOVIES_FILE})`,
  })
  parseMovies(value: string): string {
    return value;
  }

  @Option({ flags: '--random-seed <n>', description: `seed of the picks (default ${DEFAULT_RANDOM_SEED})` })
  parseRandomSeed(value: string): number {
    const seed = Number(value);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
      throw new Error('--random-seed must be an integer 0-4294967295');
    return seed;
  }

  @Option({ flags: '--strict', description: 'stop at the first bad row of the movies file' })
  parseStrict(): boolean {
    return true;
  }
}
