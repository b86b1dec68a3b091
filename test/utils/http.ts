import type { INestApplication } from '@nestjs/common';
import request, { type Test } from 'supertest';
import { apiSpec } from './api-spec.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';
const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

export type Http = Record<Method, (url: string) => Test>;

/**
 * supertest against the app, where every response is also checked against the committed
 * openapi.json (see api-spec.ts): an undocumented route, status, content type or field fails the
 * test that made the request. Use it instead of `request(app.getHttpServer())` in every e2e test:
 *   const response = await http(app).get('/api/health/').expect(200);
 */
export function http(app: INestApplication): Http {
  const agent = request(app.getHttpServer());
  const checked = (method: Method) => (url: string) =>
    agent[method](url).expect((response) => {
      if (method !== 'options') apiSpec().assertResponse(method, url, response);
    });
  return Object.fromEntries(METHODS.map((method) => [method, checked(method)])) as Http;
}
