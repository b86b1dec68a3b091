import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { http } from '../utils/http.js';
import { createTestApp } from '../utils/test-app.js';

describe('GET /api/health/', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('reports the database and the cache as up', async () => {
    const response = await http(app).get('/api/health/').expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      database: { status: 'up' },
      cache: { status: 'up', store: process.env.REDIS_URL ? 'redis' : 'memory' },
    });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers without the trailing slash too', async () => {
    await http(app).get('/api/health').expect(200);
  });

  it('renders unknown routes as problem+json 404', async () => {
    const response = await http(app).get('/api/no-such-route/').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'Not found.' });
  });
});
