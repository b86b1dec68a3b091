import { DataSource } from 'typeorm';
import { migrations } from '@app/core';

/** A bare connection to the run's database (migrated), for medium tests that exercise SQL directly. */
export async function createTestDataSource(
  entities: NonNullable<ConstructorParameters<typeof DataSource>[0]['entities']> = [],
): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: process.env.DATABASE_URL,
    entities,
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
  });
  return dataSource.initialize();
}
