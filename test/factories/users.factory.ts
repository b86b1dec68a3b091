import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { hash } from '@node-rs/argon2';
import { TokenService } from '@app/auth';
import { User } from '@app/users';
import { dataSourceOf } from '../utils/test-app.js';

export const FACTORY_PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  user: User;
  /** A valid access token for the user. */
  token: string;
  auth: { Authorization: string };
}

/** Inserts a user straight into the database and signs an access token for it. */
export async function createUser(
  app: INestApplication,
  overrides: Partial<Pick<User, 'username' | 'email' | 'isAdmin' | 'firstName' | 'lastName'>> = {},
): Promise<TestUser> {
  const suffix = randomBytes(4).toString('hex');
  passwordHash ??= hash(FACTORY_PASSWORD);
  const repository = dataSourceOf(app).getRepository(User);
  const saved = await repository.save(
    repository.create({
      username: `user_${suffix}`,
      email: `user_${suffix}@example.com`,
      firstName: 'Test',
      lastName: 'User',
      isAdmin: false,
      passwordHash: await passwordHash,
      ...overrides,
    }),
  );
  const user = await repository.findOneByOrFail({ id: saved.id });
  const token = await app.get(TokenService).issue(user.id, user.tokenVersion, 'access');
  return { user, token, auth: { Authorization: `Bearer ${token}` } };
}

export const createAdmin = (app: INestApplication) => createUser(app, { isAdmin: true });
