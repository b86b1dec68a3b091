import type { INestApplication } from '@nestjs/common';
import type { MovieView } from '@app/movies';
import { createMovie } from '../factories/movies.factory.js';
import { createAdmin, createUser, type TestUser } from '../factories/users.factory.js';
import { dataSourceOf, truncateAll } from './test-app.js';

/** The callers of a user's interactions in an e2e file (the owner, another user, an admin) and two movies. */
export interface InteractionCast {
  owner: TestUser;
  other: TestUser;
  admin: TestUser;
  heat: MovieView;
  alien: MovieView;
}

/** Empties the tables, then creates the cast: `alice_owner`, `bob_other`, an admin, Heat and Alien. */
export async function createInteractionCast(app: INestApplication): Promise<InteractionCast> {
  await truncateAll(dataSourceOf(app));
  return {
    owner: await createUser(app, { username: 'alice_owner' }),
    other: await createUser(app, { username: 'bob_other' }),
    admin: await createAdmin(app),
    heat: await createMovie(app, { title: 'Heat' }),
    alien: await createMovie(app, { title: 'Alien' }),
  };
}

/** Empties the tables, then creates an admin and a user (the callers of an admin-written resource's tests). */
export async function createAdminAndUser(app: INestApplication): Promise<{ admin: TestUser; user: TestUser }> {
  await truncateAll(dataSourceOf(app));
  return { admin: await createAdmin(app), user: await createUser(app) };
}
