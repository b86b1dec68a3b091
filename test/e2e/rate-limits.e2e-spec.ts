import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createUser } from '../factories/users.factory.js';
import { sleep } from '../utils/eventually.js';
import { injectInto } from '../utils/inject.js';
import { createTestApp, dataSourceOf, truncateAll } from '../utils/test-app.js';
import { throttled } from '../utils/problems.js';

/**
 * The general limits on a route every branch has (GET /api/health/): per IP for anonymous callers,
 * per user for authenticated ones. A 2 s window keeps the reset test short.
 */
describe('rate limits', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp({
      RATE_LIMIT_WINDOW_MS: '2000',
      RATE_LIMIT_ANONYMOUS: '5',
      RATE_LIMIT_USER: '7',
      AUTO_BLOCK_CLIENT_ERRORS: '0',
    });
    await truncateAll(dataSourceOf(app));
  });

  afterAll(async () => {
    await app.close();
  });

  const getHealth = (remoteAddress: string, headers: Record<string, string> = {}) =>
    injectInto(app, { method: 'GET', url: '/api/health/', remoteAddress, headers });

  it('answers the 6th anonymous request of a window with 429 problem+json, then resets', async () => {
    for (let n = 1; n <= 5; n += 1) {
      const response = await getHealth('198.51.100.1');
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBe('5');
      expect(response.headers['ratelimit-remaining']).toBe(String(5 - n));
      expect(Number(response.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
      expect(Number(response.headers['ratelimit-reset'])).toBeLessThanOrEqual(2);
    }

    const refused = await getHealth('198.51.100.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(refused.headers['ratelimit-limit']).toBe('5');
    expect(refused.headers['ratelimit-remaining']).toBe('0');
    expect(refused.headers['ratelimit-reset']).toBe(String(retryAfter));
    expect(refused.json()).toEqual(throttled(retryAfter));

    await sleep(retryAfter * 1000 + 100);
    const afterReset = await getHealth('198.51.100.1');
    expect(afterReset.statusCode).toBe(200);
    expect(afterReset.headers['ratelimit-remaining']).toBe('4');
  });

  it('counts each IP on its own', async () => {
    for (let n = 1; n <= 6; n += 1) await getHealth('198.51.100.2');
    expect((await getHealth('198.51.100.2')).statusCode).toBe(429);
    expect((await getHealth('198.51.100.3')).statusCode).toBe(200);
  });

  it('counts an authenticated caller per user across IPs, with the user limit', async () => {
    const { auth } = await createUser(app);
    for (let n = 1; n <= 7; n += 1) {
      const response = await getHealth(`198.51.100.${10 + n}`, auth);
      expect(response.statusCode).toBe(200);
      expect(response.headers['ratelimit-limit']).toBe('7');
      expect(response.headers['ratelimit-remaining']).toBe(String(7 - n));
    }
    expect((await getHealth('198.51.100.30', auth)).statusCode).toBe(429);
    // The same address without the token is an anonymous caller with its own budget.
    expect((await getHealth('198.51.100.30')).statusCode).toBe(200);
  });

  it('treats an invalid token as anonymous', async () => {
    const response = await getHealth('198.51.100.40', { Authorization: 'Bearer not-a-token' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['ratelimit-limit']).toBe('5');
  });
});
