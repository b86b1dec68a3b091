import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BlocklistService } from '@app/security';
import { createUser, FACTORY_PASSWORD } from '../factories/users.factory.js';
import { eventually, sleep } from '../utils/eventually.js';
import { injectInto } from '../utils/inject.js';
import { createTestApp, dataSourceOf, truncateAll } from '../utils/test-app.js';
import { throttled } from '../utils/problems.js';

/** Brute-force protection of POST /api/token/. */
describe('POST /api/token/ rate limits and automatic blocking', () => {
  let app: NestFastifyApplication;

  afterEach(async () => {
    await app.close();
  });

  const login = (remoteAddress: string, email: string, password: string) =>
    injectInto(app, { method: 'POST', url: '/api/token/', remoteAddress, payload: { email, password } });

  it('answers the 6th wrong password within the window with 429, and the limit resets', async () => {
    app = await createTestApp({ RATE_LIMIT_WINDOW_MS: '2000', AUTO_BLOCK_FAILED_LOGINS: '0' });
    await truncateAll(dataSourceOf(app));
    const { user } = await createUser(app);
    for (let n = 1; n <= 5; n += 1) {
      const response = await login('198.51.100.50', user.email, 'wrong-password');
      expect(response.statusCode).toBe(401);
      expect(response.headers['ratelimit-limit']).toBe('5');
      expect(response.headers['ratelimit-remaining']).toBe(String(5 - n));
    }
    const refused = await login('198.51.100.50', user.email, 'wrong-password');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.json()).toEqual(throttled(retryAfter));
    // Even the right password waits for the window to end.
    expect((await login('198.51.100.50', user.email, FACTORY_PASSWORD)).statusCode).toBe(429);

    await sleep(retryAfter * 1000 + 100);
    expect((await login('198.51.100.50', user.email, FACTORY_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses an attacked account to addresses that have failed, and lets its owner in from a clean one', async () => {
    app = await createTestApp({ RATE_LIMIT_WINDOW_MS: '60000', AUTO_BLOCK_FAILED_LOGINS: '0' });
    await truncateAll(dataSourceOf(app));
    const { user } = await createUser(app);
    for (let n = 1; n <= 5; n += 1) {
      expect((await login(`198.51.100.${60 + n}`, user.email.toUpperCase(), 'wrong-password')).statusCode).toBe(401);
    }
    // Over the account's limit: an address that has failed is refused, even with the right password...
    expect((await login('198.51.100.61', user.email, FACTORY_PASSWORD)).statusCode).toBe(429);
    // ...a clean address gets one guess, then it has failed too...
    expect((await login('198.51.100.70', user.email, 'wrong-password')).statusCode).toBe(401);
    expect((await login('198.51.100.70', user.email, 'wrong-password')).statusCode).toBe(429);
    // ...and the owner, from an address that has not been failing, logs in.
    expect((await login('203.0.113.5', user.email, FACTORY_PASSWORD)).statusCode).toBe(200);
    // Another account from the failing addresses is not affected.
    const other = await createUser(app);
    expect((await login('198.51.100.62', other.user.email, FACTORY_PASSWORD)).statusCode).toBe(200);
  });

  it('counts only wrong passwords: bodies without a password, successes and refusals are not failures', async () => {
    app = await createTestApp({ RATE_LIMIT_WINDOW_MS: '60000', AUTO_BLOCK_FAILED_LOGINS: '0' });
    await truncateAll(dataSourceOf(app));
    const { user } = await createUser(app);
    const send = (remoteAddress: string, payload: object) =>
      injectInto(app, { method: 'POST', url: '/api/token/', remoteAddress, payload });
    for (let n = 0; n < 10; n += 1) {
      expect((await send(`198.51.100.${80 + n}`, { email: user.email })).statusCode).toBe(400);
      expect((await send('198.51.100.79', { email: user.email, password: 12 })).statusCode).toBe(400);
      expect((await login('198.51.100.79', user.email, FACTORY_PASSWORD)).statusCode).toBe(200);
    }
    // Neither the address nor the account has failed yet: the full budget of wrong passwords is left.
    for (let n = 1; n <= 5; n += 1) {
      const response = await login('198.51.100.79', user.email, 'wrong-password');
      expect(response.statusCode).toBe(401);
      expect(response.headers['ratelimit-remaining']).toBe(String(5 - n));
    }
    expect((await login('198.51.100.79', user.email, 'wrong-password')).statusCode).toBe(429);
    expect((await login('203.0.113.6', user.email, FACTORY_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a burst of parallel wrong passwords past the limit (counted before the password is checked)', async () => {
    app = await createTestApp({ RATE_LIMIT_WINDOW_MS: '60000', AUTO_BLOCK_FAILED_LOGINS: '0' });
    await truncateAll(dataSourceOf(app));
    const { user } = await createUser(app);
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => login('198.51.100.99', user.email, 'wrong-password')),
    );
    const statuses = answers.map((answer) => answer.statusCode).sort((a, b) => a - b);
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(7).fill(429)]);
  });

  it("limits wrong current passwords on the caller's own profile like logins", async () => {
    app = await createTestApp({ RATE_LIMIT_WINDOW_MS: '60000', AUTO_BLOCK_FAILED_LOGINS: '0' });
    await truncateAll(dataSourceOf(app));
    const { user, auth } = await createUser(app);
    const patch = (remoteAddress: string, payload: object) =>
      injectInto(app, { method: 'PATCH', url: `/api/users/${user.id}/`, remoteAddress, headers: auth, payload });
    const change = { password: 'a-new-long-password-1', current_password: 'wrong-password' };
    for (let n = 1; n <= 5; n += 1) {
      const response = await patch(`198.51.100.${110 + n}`, change);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ errors: { current_password: ['The current password is incorrect.'] } });
    }
    expect((await patch('198.51.100.111', { ...change, current_password: FACTORY_PASSWORD })).statusCode).toBe(429);
    // Profile edits that check no password are not affected.
    expect((await patch('198.51.100.111', { first_name: 'Still' })).statusCode).toBe(200);
  });

  it('blocks an address automatically after too many failed logins', async () => {
    app = await createTestApp({
      RATE_LIMIT_LOGIN: '100',
      RATE_LIMIT_LOGIN_EMAIL: '100',
      AUTO_BLOCK_FAILED_LOGINS: '3',
    });
    await truncateAll(dataSourceOf(app));
    const { user } = await createUser(app);
    for (let n = 0; n < 3; n += 1) {
      expect((await login('192.0.2.90', user.email, 'wrong-password')).statusCode).toBe(401);
    }
    // The block is added just after the 3rd answer was sent (an onResponse hook).
    const health = () => injectInto(app, { method: 'GET', url: '/api/health/', remoteAddress: '192.0.2.90' });
    await eventually(async () => expect((await health()).statusCode).toBe(403));
    const [automatic, ...others] = await app.get(BlocklistService).listActive();
    expect(others).toEqual([]);
    expect(automatic.cidr).toBe('192.0.2.90/32');
    expect(automatic.source).toBe('automatic');
    expect(automatic.reason).toBe('3 failed logins within 600 s');
    expect((await login('192.0.2.90', user.email, FACTORY_PASSWORD)).statusCode).toBe(403);
    expect((await login('192.0.2.91', user.email, FACTORY_PASSWORD)).statusCode).toBe(200);
  });
});
