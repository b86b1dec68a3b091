import type { DataSource } from 'typeorm';
import { CatalogueFactory, movieId } from './catalogue.factory.js';

export interface TasteGroups {
  catalogue: CatalogueFactory;
  /** Movies 1-5 (genre Drama), liked together by the drama crowd. */
  dramas: string[];
  /** Movies 11-15 (genre Comedy), liked together by the comedy crowd. */
  comedies: string[];
}

/**
 * Two crowds with two tastes: 12 users rate all five dramas, 12 others all five comedies, nobody
 * mixes them, and the dramas are watched a little more. An item-neighbour model trained on this
 * links each drama to the other dramas only, and each comedy to the other comedies.
 */
export async function buildTasteGroups(db: DataSource): Promise<TasteGroups> {
  const catalogue = new CatalogueFactory(db);
  const drama = await catalogue.genre('Drama');
  const comedy = await catalogue.genre('Comedy');
  const dramas: string[] = [];
  const comedies: string[] = [];
  for (let n = 1; n <= 5; n += 1) dramas.push(await catalogue.movie(n, [drama]));
  for (let n = 11; n <= 15; n += 1) comedies.push(await catalogue.movie(n, [comedy]));
  const crowd = async (name: string, movies: string[]) => {
    const rows = await db.query<{ id: string }[]>(
      `INSERT INTO users (username, email, password_hash)
       SELECT $1 || i, $1 || i || '@example.com', 'not-a-hash' FROM generate_series(1, 12) i RETURNING id`,
      [name],
    );
    for (const { id } of rows) for (const movie of movies) await catalogue.rate(id, movie, 4);
  };
  await crowd('drama_fan_', dramas);
  await crowd('comedy_fan_', comedies);
  await catalogue.refreshAggregates();
  return { catalogue, dramas, comedies };
}

export { movieId };
