import type { AppConfig, DatabaseLocation } from '@app/core';
import type { UserAuthState, UsersRepository } from '@app/users';
import { AuthStateCache } from './auth-state-cache.js';

const ALICE = '7f3c1f8e-4d2a-4a8e-9d0b-2f6c5e1a9b3d';

/** The cache over a fake table of users, counting the reads that reach it; nothing connects to PostgreSQL. */
function cacheOverFakeUsers() {
  const table = new Map<string, UserAuthState>([[ALICE, { id: ALICE, isAdmin: false, tokenVersion: 0 }]]);
  const database = { reads: 0, beforeAnswer: (): void => undefined };
  const users = {
    findAuthState: async (id: string) => {
      database.reads += 1;
      const state = table.get(id) ?? null;
      database.beforeAnswer();
      return Promise.resolve(state && { ...state });
    },
  } as unknown as UsersRepository;
  const config = { auth: { stateCacheMs: 60_000 } } as AppConfig;
  const cache = new AuthStateCache(users, {} as DatabaseLocation, config);
  return { cache, table, database };
}

describe('AuthStateCache', () => {
  it('reads the database on every request until it listens for changes', async () => {
    const { cache, database } = cacheOverFakeUsers();
    await cache.find(ALICE);
    await cache.find(ALICE);
    expect(database.reads).toBe(2);
    cache.listening();
    await cache.find(ALICE);
    await cache.find(ALICE);
    expect(database.reads).toBe(3);
  });

  it('reads a user again once told of a change to them, or to every user', async () => {
    const { cache, table, database } = cacheOverFakeUsers();
    cache.listening();
    await cache.find(ALICE);
    table.set(ALICE, { id: ALICE, isAdmin: false, tokenVersion: 1 });
    cache.notified(ALICE);
    expect(await cache.find(ALICE)).toMatchObject({ tokenVersion: 1 });
    table.delete(ALICE);
    cache.notified('*');
    expect(await cache.find(ALICE)).toBeNull();
    expect(database.reads).toBe(3);
  });

  it('does not keep an answer read while a change was announced', async () => {
    const { cache, table, database } = cacheOverFakeUsers();
    cache.listening();
    // The change commits after the database answered with the old version, before the answer is kept.
    database.beforeAnswer = () => {
      table.set(ALICE, { id: ALICE, isAdmin: false, tokenVersion: 1 });
      cache.notified(ALICE);
    };
    expect(await cache.find(ALICE)).toMatchObject({ tokenVersion: 0 });
    database.beforeAnswer = () => undefined;
    expect(await cache.find(ALICE)).toMatchObject({ tokenVersion: 1 });
  });

  it('forgets everything when the connection is lost, and keeps nothing until it listens again', async () => {
    const { cache, table, database } = cacheOverFakeUsers();
    cache.listening();
    await cache.find(ALICE);
    cache.lost();
    table.set(ALICE, { id: ALICE, isAdmin: true, tokenVersion: 0 });
    expect(await cache.find(ALICE)).toMatchObject({ isAdmin: true });
    await cache.find(ALICE);
    expect(database.reads).toBe(3);
  });

  it('forgets a user when this process changed or deleted them', async () => {
    const { cache, database } = cacheOverFakeUsers();
    cache.listening();
    await cache.find(ALICE);
    cache.onUserAccessChanged({ userId: ALICE } as never);
    await cache.find(ALICE);
    cache.onUserDeleted({ userId: ALICE } as never);
    await cache.find(ALICE);
    expect(database.reads).toBe(3);
  });
});
