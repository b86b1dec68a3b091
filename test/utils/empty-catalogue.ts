import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { CatalogueFactory } from '../factories/catalogue.factory.js';
import { createTestApp, dataSourceOf, truncateAll } from './test-app.js';

export interface EmptyCatalogue {
  app: NestFastifyApplication;
  dataSource: DataSource;
  catalogue: CatalogueFactory;
}

/** The whole API on emptied tables, with a factory that builds a catalogue in SQL (the ranking tests' start). */
export async function appOnEmptyCatalogue(): Promise<EmptyCatalogue> {
  const app = await createTestApp();
  const dataSource = dataSourceOf(app);
  await truncateAll(dataSource);
  return { app, dataSource, catalogue: new CatalogueFactory(dataSource) };
}
