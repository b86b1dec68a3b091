import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '@app/core';
import type { SeedService, SeedSummary } from '@app/importer';
import { SeedOnFirstStart } from './seed-on-first-start.js';

const summary: SeedSummary = {
  admin: { email: 'admin@email.com', created: true, generatedPassword: 'admin-pass' },
  users: [{ email: 'user0@email.com', created: true, generatedPassword: 'user-pass' }],
  userPassword: 'user-pass',
  moviesAdded: 40,
  moviesInFile: 40,
  watchesAdded: 30,
  ratingsAdded: 10,
  issues: [],
};

describe('SeedOnFirstStart', () => {
  const setUp = (seedDemoData: boolean, result: () => Promise<SeedSummary | null>) => {
    const calls: unknown[] = [];
    const seeder = { seedIfEmpty: () => (calls.push('seedIfEmpty'), result()) } as unknown as SeedService;
    const hook = new SeedOnFirstStart(seeder, { seedDemoData } as AppConfig);
    const logged: string[] = [];
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message: string) => void logged.push(message));
    jest.spyOn(Logger.prototype, 'error').mockImplementation((message: string) => void logged.push(message));
    return { hook, calls, logged };
  };

  afterEach(() => jest.restoreAllMocks());

  it('does nothing when demo data is off', async () => {
    const { hook, calls, logged } = setUp(false, () => Promise.resolve(summary));
    await hook.onApplicationBootstrap();
    expect(calls).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('logs the generated credentials in one line', async () => {
    const { hook, calls, logged } = setUp(true, () => Promise.resolve(summary));
    await hook.onApplicationBootstrap();
    expect(calls).toEqual(['seedIfEmpty']);
    expect(logged).toEqual([
      'Demo data loaded: 40 movies. Admin admin@email.com password admin-pass; users user0@email.com ' +
        'password user-pass (shown this once)',
    ]);
  });

  it('logs nothing when the database already had users', async () => {
    const { hook, logged } = setUp(true, () => Promise.resolve(null));
    await hook.onApplicationBootstrap();
    expect(logged).toEqual([]);
  });

  it('starts anyway when the demo data cannot be loaded', async () => {
    const { hook, logged } = setUp(true, () => Promise.reject(new Error('data/movies.csv does not exist')));
    await hook.onApplicationBootstrap();
    expect(logged).toEqual(['Demo data not loaded: data/movies.csv does not exist']);
  });
});
