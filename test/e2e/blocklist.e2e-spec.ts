import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { BlocklistCache, BlocklistService } from '@app/security';
import { eventually } from '../utils/eventually.js';
import { injectInto } from '../utils/inject.js';
import { createTestApp, dataSourceOf, truncateAll } from '../utils/test-app.js';

const BLOCKED_BODY = {
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
  detail: 'Requests from your address are blocked.',
  code: 'IP_BLOCKED',
};
const PROXY = '10.0.0.1';
const METRICS_TOKEN = 'metrics-token-for-tests';

describe('IP blocklist', () => {
  let app: NestFastifyApplication;
  let blocklist: BlocklistService;

  beforeAll(async () => {
    app = await createTestApp({
      TRUST_PROXY: PROXY,
      METRICS_TOKEN,
      // The periodic reload is replaced by explicit refresh() calls, so the tests do not wait for it.
      BLOCKLIST_REFRESH_MS: '3600000',
      AUTO_BLOCK_CLIENT_ERRORS: '5',
      AUTO_BLOCK_DURATION_MS: '600000',
    });
    blocklist = app.get(BlocklistService);
  });

  beforeEach(async () => {
    await truncateAll(dataSourceOf(app));
    await app.get(BlocklistCache).refresh();
  });

  afterAll(async () => {
    await app.close();
  });

  const block = async (target: string) => {
    await blocklist.block({ target, reason: 'test' });
    await app.get(BlocklistCache).refresh();
  };
  const unblock = async (target: string) => {
    await blocklist.unblock(target);
    await app.get(BlocklistCache).refresh();
  };
  const get = (url: string, remoteAddress: string, headers: Record<string, string> = {}) =>
    injectInto(app, { method: 'GET', url, remoteAddress, headers });

  /** Every route of the app: the documented ones, the docs, metrics, an unknown path, a preflight. */
  async function everyRoute(): Promise<{ method: 'GET' | 'POST' | 'OPTIONS' | 'DELETE'; url: string }[]> {
    const document = (await get('/api/docs/openapi.json', '192.0.2.200')).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({
        method: method.toUpperCase() as 'GET' | 'POST' | 'DELETE',
        url: path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000'),
      })),
    );
    expect(documented.length).toBeGreaterThan(0);
    return [
      ...documented,
      { method: 'GET', url: '/api/docs/openapi.json' },
      { method: 'GET', url: '/api/docs/swagger/' },
      { method: 'GET', url: '/metrics' },
      { method: 'GET', url: '/api/no-such-route/' },
      { method: 'POST', url: '/api/health/' },
      { method: 'OPTIONS', url: '/api/health/' },
    ];
  }

  it('answers 403 problem+json on every route to a blocked address, and unblocking restores access', async () => {
    const routes = await everyRoute();
    await block('203.0.113.7');
    for (const route of routes) {
      const response = await injectInto(app, {
        ...route,
        remoteAddress: '203.0.113.7',
        headers: { authorization: `Bearer ${METRICS_TOKEN}`, 'content-type': 'application/json' },
        payload: route.method === 'POST' ? '{"email":"a@example.com"}' : undefined,
      });
      expect({ route, status: response.statusCode }).toEqual({ route, status: 403 });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toEqual(BLOCKED_BODY);
      expect(response.headers['x-request-id']).toBeDefined();
    }
    expect((await get('/api/health/', '203.0.113.8')).statusCode).toBe(200);

    await unblock('203.0.113.7');
    expect((await get('/api/health/', '203.0.113.7')).statusCode).toBe(200);
    expect((await get('/metrics', '203.0.113.7', { authorization: `Bearer ${METRICS_TOKEN}` })).statusCode).toBe(200);
  });

  it('blocks every address of a CIDR network and nothing outside it', async () => {
    await block('198.51.100.0/24');
    expect((await get('/api/health/', '198.51.100.1')).statusCode).toBe(403);
    expect((await get('/api/health/', '198.51.100.254')).statusCode).toBe(403);
    expect((await get('/api/health/', '::ffff:198.51.100.9')).statusCode).toBe(403);
    expect((await get('/api/health/', '198.51.101.1')).statusCode).toBe(200);
  });

  it('ignores a block whose end has passed', async () => {
    await dataSourceOf(app).query(
      `INSERT INTO blocked_ips (cidr, reason, blocked_until, source) VALUES ('192.0.2.66', 'old', now() - interval '1 minute', 'manual')`,
    );
    await app.get(BlocklistCache).refresh();
    expect((await get('/api/health/', '192.0.2.66')).statusCode).toBe(200);
  });

  it('does not let an untrusted peer escape its block with X-Forwarded-For', async () => {
    await block('203.0.113.9');
    const spoofed = await get('/api/health/', '203.0.113.9', { 'x-forwarded-for': '192.0.2.1' });
    expect(spoofed.statusCode).toBe(403);
    expect(spoofed.json()).toEqual(BLOCKED_BODY);
  });

  it('believes X-Forwarded-For from a trusted proxy, but only its last untrusted hop', async () => {
    await block('203.0.113.9');
    expect((await get('/api/health/', PROXY, { 'x-forwarded-for': '203.0.113.9' })).statusCode).toBe(403);
    expect((await get('/api/health/', PROXY, { 'x-forwarded-for': '192.0.2.1' })).statusCode).toBe(200);
    // The blocked client wrote a fake first hop; the proxy appended the real address.
    expect((await get('/api/health/', PROXY, { 'x-forwarded-for': '192.0.2.1, 203.0.113.9' })).statusCode).toBe(403);
  });

  it('blocks a client automatically after too many 4xx answers, for the configured time', async () => {
    for (let n = 0; n < 5; n += 1) {
      expect((await get('/api/no-such-route/', '192.0.2.77')).statusCode).toBe(404);
    }
    // The block is added just after the 5th answer was sent (an onResponse hook).
    await eventually(async () => expect((await get('/api/health/', '192.0.2.77')).statusCode).toBe(403));
    const [automatic, ...others] = await blocklist.listActive();
    expect(others).toEqual([]);
    expect(automatic.cidr).toBe('192.0.2.77/32');
    expect(automatic.source).toBe('automatic');
    expect(automatic.reason).toBe('5 client errors (4xx) within 600 s');
    const minutesLeft = (automatic.blockedUntil!.getTime() - Date.now()) / 60_000;
    expect(minutesLeft).toBeGreaterThan(9);
    expect(minutesLeft).toBeLessThanOrEqual(10);
    expect((await get('/api/health/', '192.0.2.78')).statusCode).toBe(200);
  });
});
