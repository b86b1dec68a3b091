import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadAppConfig, migrations } from '@app/core';
import { Genre } from '@app/genres';
import { Movie } from '@app/movies';
import { Rating, WatchHistoryEntry } from '@app/ratings';
import { BlockedIp } from '@app/security';
import { User } from '@app/users';

/** The data source of TypeORM's own CLI (`npm run migration:run`, `migration:generate`). */
const config = loadAppConfig(process.env, { requireJwtSecret: false });
if (config.database.url === null) {
  throw new Error('Set DATABASE_URL to the database to migrate (the embedded default migrates itself at `npm start`).');
}

export default new DataSource({
  type: 'postgres',
  url: config.database.url,
  entities: [User, Genre, Movie, Rating, WatchHistoryEntry, BlockedIp],
  migrations,
  migrationsTransactionMode: 'each',
});
