import type { INestApplication } from '@nestjs/common';
import request, { type Response, type Test } from 'supertest';
import { apiSpec } from './api-spec.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head' | 'options';
const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'];

export type Http = Record<Method, (url: string) => Test>;

export interface HttpOptions {
  /** Called with every response (before the assertions run), e.g. to record them. */
  onResponse?: (response: Response) => void;
}

/**
 * supertest against the app, where every response is also checked against the committed
 * openapi.json (see api-spec.ts): an undocumented route, status, content type or field fails the
 * test that made the request. Use it instead of `request(app.getHttpServer())` in every e2e test:
 *   const response = await http(app).get('/api/health/').expect(200);
 * `target` is the app, or the base URL of a listening one (`http://127.0.0.1:<port>`).
 */
export function http(target: INestApplication | string, options: HttpOptions = {}): Http {
  const agent = request(typeof target === 'string' ? target : target.getHttpServer());
  const checked = (method: Method) => (url: string) => {
    const test = agent[method](url);
    if (options.onResponse) test.on('response', options.onResponse);
    return test.expect((response) => {
      if (method !== 'options') apiSpec().assertResponse(method, url, response);
    });
  };
  return Object.fromEntries(METHODS.map((method) => [method, checked(method)])) as Http;
}
