import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createUser, type TestUser } from '../factories/users.factory.js';
import { injectInto } from '../utils/inject.js';
import { invalidFields } from '../utils/problems.js';
import { createTestApp, dataSourceOf, truncateAll } from '../utils/test-app.js';

/**
 * Shapes of input that must be refused before they cost anything: JSON nested too deep (refused
 * while parsing, before class-transformer walks it) and field names that are also members of
 * Object.prototype (exactly as unknown as any other name).
 */
describe('input shapes', () => {
  let app: NestFastifyApplication;
  let alice: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    await truncateAll(dataSourceOf(app));
    alice = await createUser(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const json = { 'content-type': 'application/json' };
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  describe('deeply nested JSON', () => {
    it.each([
      ['arrays', `{"refresh":${nested(5000)}}`],
      ['objects', `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`],
    ])('refuses 5,000 levels of %s with 400 problem+json, without a token', async (_shape, payload) => {
      const response = await injectInto(app, { method: 'POST', url: '/api/token/refresh/', headers: json, payload });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json()).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'The request body is nested too deeply (more than 32 levels).',
        code: 'INVALID_JSON',
        errors: { non_field_errors: ['The request body is nested too deeply (more than 32 levels).'] },
      });
    });

    it('refuses a body of 500,000 levels (1 MB) the same way', async () => {
      const app1mb = await createTestApp({ BODY_LIMIT_BYTES: String(2 * 1024 * 1024) });
      try {
        const response = await injectInto(app1mb, {
          method: 'POST',
          url: '/api/token/',
          headers: json,
          payload: nested(500_000),
        });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ code: 'INVALID_JSON' });
      } finally {
        await app1mb.close();
      }
    });

    it('counts brackets inside strings as text, not nesting', async () => {
      const response = await injectInto(app, {
        method: 'POST',
        url: '/api/token/',
        headers: json,
        payload: JSON.stringify({ email: alice.user.email, password: `${'['.repeat(100)}\\"{{{` }),
      });
      expect(response.statusCode).toBe(401);
    });

    it('still takes nesting up to the limit to validation (a field error, not a parse error)', async () => {
      const response = await injectInto(app, {
        method: 'POST',
        url: '/api/token/refresh/',
        headers: json,
        payload: `{"refresh":${nested(31)}}`,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: { refresh: expect.any(Array) } });
    });
  });

  describe('field names of Object.prototype', () => {
    const PROTOTYPE_NAMES = ['toString', 'valueOf', 'hasOwnProperty', 'constructor', 'prototype', '__defineGetter__'];

    it.each(PROTOTYPE_NAMES)('refuses %s in a body like any unknown field', async (name) => {
      const response = await injectInto(app, {
        method: 'PATCH',
        url: `/api/users/${alice.user.id}/`,
        headers: { ...json, ...alice.auth },
        payload: JSON.stringify({ first_name: 'Alice', [name]: 'x' }),
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual(invalidFields({ [name]: [`${name} is not an allowed field.`] }));
    });

    it.each([...PROTOTYPE_NAMES, '__proto__'])('refuses %s in a query like any unknown parameter', async (name) => {
      const response = await injectInto(app, { method: 'GET', url: `/api/genres/?page=1&${name}=junk` });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual(invalidFields({ [name]: [`${name} is not an allowed field.`] }));
    });

    it('reports a prototype-named field together with the other bad fields', async () => {
      const response = await injectInto(app, {
        method: 'GET',
        url: '/api/movies/?page=0&valueOf=1&junk=2',
      });
      expect(response.statusCode).toBe(400);
      const errors = response.json<{ errors: Record<string, string[]> }>().errors;
      expect(Object.keys(errors).sort()).toEqual(['junk', 'page', 'valueOf']);
    });
  });
});
