import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { PasswordHasher } from '@app/users';
import { CatalogueBulkRepository, type CatalogueBulkWriter } from '../catalogue-bulk.repository.js';
import { type ImportIssue, IssueLog } from '../import-errors.js';
import { readSeedMovies, type SeedMovie } from './seed-movies-file.js';
import { SeededRandom } from './seeded-random.js';

export const DEFAULT_SEED_MOVIES_FILE = 'data/movies.csv';
export const DEFAULT_RANDOM_SEED = 20_240_917;
export const SEED_USER_COUNT = 5;
export const WATCHES_PER_USER = 6;
export const RATINGS_PER_USER = 2;

export interface SeedOptions {
  adminEmail?: string;
  adminPassword?: string;
  userPassword?: string;
  moviesFile?: string;
  randomSeed?: number;
  strict?: boolean;
}

export interface SeededAccount {
  email: string;
  /** Set when this run created the account with a generated password (shown once). */
  generatedPassword: string | null;
  created: boolean;
}

export interface SeedSummary {
  admin: SeededAccount;
  users: SeededAccount[];
  /** The generated password shared by the new demo users, or null. */
  userPassword: string | null;
  moviesAdded: number;
  moviesInFile: number;
  watchesAdded: number;
  ratingsAdded: number;
  issues: ImportIssue[];
}

export const generatePassword = () => randomBytes(12).toString('base64url');

/**
 * The demo data: an admin, five users, the movies of a file in the original's format, and for each
 * user six watched movies of which two are rated 3-5, picked with a seeded PRNG. Idempotent: users
 * are matched by email, movies by title and release date, activity by (user, movie).
 */
@Injectable()
export class SeedService {
  private readonly logger = new Logger(SeedService.name);

  constructor(
    private readonly bulk: CatalogueBulkRepository,
    private readonly config: AppConfig,
    private readonly passwords: PasswordHasher,
  ) {}

  async seed(options: SeedOptions = {}): Promise<SeedSummary> {
    const issues = new IssueLog(options.strict ?? false);
    const moviesFile = resolve(options.moviesFile ?? DEFAULT_SEED_MOVIES_FILE);
    const movies = await readSeedMovies(moviesFile, issues);
    const adminEmail = options.adminEmail ?? this.config.seed.adminEmail;
    const adminPassword = options.adminPassword ?? this.config.seed.adminPassword ?? generatePassword();
    const userPassword = options.userPassword ?? generatePassword();
    const [adminHash, userHash] = await Promise.all([
      this.passwords.hash(adminPassword),
      this.passwords.hash(userPassword),
    ]);
    const userEmails = Array.from({ length: SEED_USER_COUNT }, (_, index) => `user${index}@email.com`);

    const summary = await this.bulk.inTransaction(async (writer) => {
      await writer.lockBulkLoads();
      const created = await writer.insertUsers([
        { username: adminEmail.split('@')[0], email: adminEmail, passwordHash: adminHash, isAdmin: true },
        ...userEmails.map((email) => ({
          username: email.split('@')[0],
          email,
          passwordHash: userHash,
          isAdmin: false,
        })),
      ]);
      const createdEmails = new Set(created.map((user) => user.email.toLowerCase()));
      const accounts = await writer.userIdsByEmail([adminEmail, ...userEmails]);
      const account = (email: string) => {
        const found = accounts.get(email.toLowerCase());
        if (found === undefined) {
          throw new Error(`cannot create ${email}: its username (${email.split('@')[0]}) belongs to another account.`);
        }
        return found;
      };
      const admin = account(adminEmail);
      if (!admin.isAdmin) await writer.promoteToAdmin(admin.id);

      const { movieIds, moviesAdded } = await this.writeMovies(writer, movies);
      const activity = await this.writeActivity(
        writer,
        userEmails.map((email) => account(email).id),
        movieIds,
        options.randomSeed ?? DEFAULT_RANDOM_SEED,
      );
      await writer.recomputeAggregates(this.config.popularity, { movieIds });
      return { createdEmails, moviesAdded, ...activity };
    });

    const newUsers = userEmails.filter((email) => summary.createdEmails.has(email));
    const adminCreated = summary.createdEmails.has(adminEmail.toLowerCase());
    const adminGenerated = options.adminPassword === undefined && this.config.seed.adminPassword === null;
    this.logger.log(`seeded ${summary.moviesAdded} movies, ${newUsers.length + Number(adminCreated)} accounts`);
    return {
      admin: {
        email: adminEmail,
        created: adminCreated,
        generatedPassword: adminCreated && adminGenerated ? adminPassword : null,
      },
      users: userEmails.map((email) => ({
        email,
        created: summary.createdEmails.has(email),
        generatedPassword: summary.createdEmails.has(email) && !options.userPassword ? userPassword : null,
      })),
      userPassword: newUsers.length > 0 && options.userPassword === undefined ? userPassword : null,
      moviesAdded: summary.moviesAdded,
      moviesInFile: movies.length,
      watchesAdded: summary.watchesAdded,
      ratingsAdded: summary.ratingsAdded,
      issues: issues.kept,
    };
  }

  /** The first start's demo data: seeds only a database without any user. */
  async seedIfEmpty(options: SeedOptions = {}): Promise<SeedSummary | null> {
    if ((await this.bulk.countUsers()) > 0) return null;
    return this.seed(options);
  }

  private async writeMovies(writer: CatalogueBulkWriter, movies: SeedMovie[]) {
    const { ids, added } = await writer.ensureMoviesByTitleAndDate(movies);
    const genreIds = await writer.ensureGenres([...new Set(movies.flatMap((movie) => movie.genres))]);
    const pairs: [string[], string[]] = [[], []];
    movies.forEach((movie, index) => {
      for (const name of movie.genres) {
        pairs[0].push(ids[index]);
        pairs[1].push(genreIds.get(name.toLowerCase()) as string);
      }
    });
    await writer.linkGenres(...pairs);
    return { movieIds: [...new Set(ids)], moviesAdded: added };
  }

  /** Each user watches WATCHES_PER_USER movies picked by the PRNG; the first RATINGS_PER_USER get 3-5 stars. */
  private async writeActivity(writer: CatalogueBulkWriter, userIds: string[], movieIds: string[], seed: number) {
    const random = new SeededRandom(seed);
    const now = Math.floor(Date.now() / 1000);
    const batch = {
      userIds: [] as string[],
      movieIds: [] as string[],
      scores: [] as (number | null)[],
      timestamps: [] as number[],
    };
    for (const userId of userIds) {
      random.sample(movieIds.length, WATCHES_PER_USER).forEach((index, position) => {
        batch.userIds.push(userId);
        batch.movieIds.push(movieIds[index]);
        batch.scores.push(position < RATINGS_PER_USER ? random.integer(3, 5) : null);
        batch.timestamps.push(now);
      });
    }
    const added = await writer.insertActivity(batch);
    return { watchesAdded: added.watches, ratingsAdded: added.ratings };
  }
}
