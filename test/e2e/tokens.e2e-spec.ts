import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JwtService } from '@nestjs/jwt';
import type { DataSource } from 'typeorm';
import { createAdmin, createUser, FACTORY_PASSWORD, type TestUser } from '../factories/users.factory.js';
import type { Http } from '../utils/http.js';
import { createLoggedTestApp, type ResponseLog } from '../utils/response-log.js';
import { truncateAll } from '../utils/test-app.js';
import { invalidFields } from '../utils/problems.js';

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/;

const WRONG_CREDENTIALS = {
  type: 'about:blank',
  title: 'Unauthorized',
  status: 401,
  detail: 'No active account found with the given credentials.',
  code: 'INVALID_CREDENTIALS',
};
const TOKEN_NOT_VALID = {
  type: 'about:blank',
  title: 'Unauthorized',
  status: 401,
  detail: 'Token is invalid or expired.',
  code: 'TOKEN_NOT_VALID',
};
const BAD_ACCESS_TOKEN = {
  type: 'about:blank',
  title: 'Unauthorized',
  status: 401,
  detail: 'Given token not valid for any token type.',
  code: 'NOT_AUTHENTICATED',
};

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

describe('tokens', () => {
  let app: NestFastifyApplication;
  let db: DataSource;
  let log: ResponseLog;
  let http: Http;
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    ({ app, db, log, http } = await createLoggedTestApp());
  });

  beforeEach(async () => {
    await truncateAll(db);
    alice = await createUser(app, { email: 'alice@example.com', username: 'alice' });
    bob = await createUser(app);
    admin = await createAdmin(app);
  });

  afterEach(async () => {
    await log.collectStoredHashes();
  });

  afterAll(async () => {
    await app.close();
  });

  const callers = (): [string, Record<string, string>][] => [
    ['an anonymous caller', {}],
    ['another signed-in user', bob.auth],
    ['the user themself, already signed in', alice.auth],
    ['an admin', admin.auth],
  ];

  const expect401 = (response: { status: number; body: unknown; headers: Record<string, string> }, body: object) => {
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body).toEqual(body);
  };

  describe('POST /api/token/', () => {
    it('gives any caller an access and a refresh token for the right email and password', async () => {
      for (const [, headers] of callers()) {
        const response = await http
          .post('/api/token/')
          .set(headers)
          .send({ email: 'alice@example.com', password: FACTORY_PASSWORD })
          .expect(200);
        expect(response.body).toEqual({ access: expect.stringMatching(JWT), refresh: expect.stringMatching(JWT) });
        expect(claimsOf(response.body.access)).toMatchObject({ sub: alice.user.id, typ: 'access', ver: 0 });
        expect(claimsOf(response.body.refresh)).toMatchObject({ sub: alice.user.id, typ: 'refresh', ver: 0 });
      }
    });

    it('issues tokens that last as configured: 60 minutes and 7 days by default', async () => {
      const { body } = await http
        .post('/api/token')
        .send({ email: 'alice@example.com', password: FACTORY_PASSWORD })
        .expect(200);
      const access = claimsOf(body.access) as { iat: number; exp: number };
      const refresh = claimsOf(body.refresh) as { iat: number; exp: number };
      expect(access.exp - access.iat).toBe(3600);
      expect(refresh.exp - refresh.iat).toBe(7 * 24 * 3600);
    });

    it('gives an access token that works on private routes, and a refresh token that does not', async () => {
      const { body } = await http
        .post('/api/token/')
        .send({ email: 'alice@example.com', password: FACTORY_PASSWORD })
        .expect(200);
      const me = await http.get(`/api/users/${alice.user.id}/`).set('Authorization', `Bearer ${body.access}`);
      expect(me.status).toBe(200);
      expect(me.body.user_id).toBe(alice.user.id);
      expect401(
        await http.get(`/api/users/${alice.user.id}/`).set('Authorization', `Bearer ${body.refresh}`),
        BAD_ACCESS_TOKEN,
      );
    });

    it('compares the email without regard to case or surrounding spaces', async () => {
      await http.post('/api/token/').send({ email: ' ALICE@Example.com ', password: FACTORY_PASSWORD }).expect(200);
    });

    it('lets an admin log in like anyone else', async () => {
      const { body } = await http
        .post('/api/token/')
        .send({ email: admin.user.email, password: FACTORY_PASSWORD })
        .expect(200);
      await http.get('/api/users/').set('Authorization', `Bearer ${body.access}`).expect(200);
    });

    it('gives the same 401 for a wrong password and for an unknown email', async () => {
      for (const [, headers] of callers()) {
        const wrongPassword = await http
          .post('/api/token/')
          .set(headers)
          .send({ email: 'alice@example.com', password: 'not-the-password' });
        const unknownEmail = await http
          .post('/api/token/')
          .set(headers)
          .send({ email: 'nobody@example.com', password: 'not-the-password' });
        expect401(wrongPassword, WRONG_CREDENTIALS);
        expect401(unknownEmail, WRONG_CREDENTIALS);
        expect(unknownEmail.text).toBe(wrongPassword.text);
      }
    });

    it('does not accept the password in another case', async () => {
      expect401(
        await http.post('/api/token/').send({ email: 'alice@example.com', password: FACTORY_PASSWORD.toUpperCase() }),
        WRONG_CREDENTIALS,
      );
    });

    it.each<[string, unknown, Record<string, string[]>]>([
      ['missing fields', {}, { email: ['This field is required.'], password: ['This field is required.'] }],
      [
        'wrong JSON types',
        { email: 42, password: { secret: true } },
        { email: ['Not a valid string.'], password: ['Not a valid string.'] },
      ],
      [
        'blank fields',
        { email: '', password: '' },
        { email: ['This field may not be blank.'], password: ['This field may not be blank.'] },
      ],
      [
        'unknown fields',
        { email: 'alice@example.com', password: FACTORY_PASSWORD, username: 'alice' },
        { username: ['username is not an allowed field.'] },
      ],
      ['an array body', [], { non_field_errors: ['Invalid data: the request body must be a JSON object.'] }],
    ])('refuses %s with 400', async (_case, body, errors) => {
      const response = await http
        .post('/api/token/')
        .send(body as object)
        .expect(400);
      expect(response.body).toEqual(invalidFields(errors));
    });

    it('refuses a body that is not JSON with 400', async () => {
      const response = await http
        .post('/api/token/')
        .set('Content-Type', 'application/json')
        .send('email=alice@example.com')
        .expect(400);
      expect(response.body).toMatchObject({ status: 400, code: 'INVALID_JSON' });
    });
  });

  describe('POST /api/token/refresh/', () => {
    let refresh: string;

    beforeEach(async () => {
      refresh = (
        await http.post('/api/token/').send({ email: 'alice@example.com', password: FACTORY_PASSWORD }).expect(200)
      ).body.refresh;
    });

    it('gives any caller a new access token and the refresh token that replaces theirs', async () => {
      for (const [, headers] of callers()) {
        const response = await http.post('/api/token/refresh/').set(headers).send({ refresh }).expect(200);
        expect(response.body).toEqual({ access: expect.stringMatching(JWT), refresh: expect.stringMatching(JWT) });
        expect(claimsOf(response.body.access)).toMatchObject({ sub: alice.user.id, typ: 'access', ver: 0 });
        expect(claimsOf(response.body.refresh)).toMatchObject({ sub: alice.user.id, typ: 'refresh', ver: 0 });
        refresh = response.body.refresh;
        const me = await http
          .get(`/api/users/${alice.user.id}/`)
          .set('Authorization', `Bearer ${response.body.access}`)
          .expect(200);
        expect(me.body.user_id).toBe(alice.user.id);
      }
    });

    it('refuses an access token in place of a refresh token', async () => {
      expect401(await http.post('/api/token/refresh').send({ refresh: alice.token }), TOKEN_NOT_VALID);
    });

    it('refuses a malformed token, a token signed with another key and an expired token', async () => {
      const jwt = app.get(JwtService);
      const claims = { sub: alice.user.id, ver: 0, typ: 'refresh' };
      const foreign = await jwt.signAsync(claims, { secret: 'another-secret-that-is-long-enough-1234', expiresIn: 60 });
      const expired = await jwt.signAsync({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 });
      for (const token of ['not-a-token', foreign, expired]) {
        expect401(await http.post('/api/token/refresh/').send({ refresh: token }), TOKEN_NOT_VALID);
      }
    });

    it('refuses the refresh token of a deleted user', async () => {
      await db.query('DELETE FROM users WHERE id = $1', [alice.user.id]);
      expect401(await http.post('/api/token/refresh/').send({ refresh }), TOKEN_NOT_VALID);
    });

    it('refuses a refresh token issued before a password change, and accepts one issued after', async () => {
      await http
        .patch(`/api/users/${alice.user.id}/`)
        .set(alice.auth)
        .send({ password: 'a-brand-new-one', current_password: FACTORY_PASSWORD })
        .expect(200);
      expect401(await http.post('/api/token/refresh/').send({ refresh }), TOKEN_NOT_VALID);
      const fresh = (
        await http.post('/api/token/').send({ email: 'alice@example.com', password: 'a-brand-new-one' }).expect(200)
      ).body.refresh;
      const response = await http.post('/api/token/refresh/').send({ refresh: fresh }).expect(200);
      expect(claimsOf(response.body.access)).toMatchObject({ ver: 1 });
    });

    describe('rotation', () => {
      const refreshWith = (token: string) => http.post('/api/token/refresh/').send({ refresh: token });

      it('spends a refresh token on use: the replacement works, the spent one does not', async () => {
        const second = (await refreshWith(refresh).expect(200)).body.refresh as string;
        expect(second).not.toBe(refresh);
        const third = (await refreshWith(second).expect(200)).body.refresh as string;
        expect((await refreshWith(third)).status).toBe(200);
      });

      it('retires the whole family when a spent token comes back (a copy is around)', async () => {
        const second = (await refreshWith(refresh).expect(200)).body.refresh as string;
        expect401(await refreshWith(refresh), TOKEN_NOT_VALID);
        // The legitimate holder's newer token is retired too: whoever has the copy cannot outlast it.
        expect401(await refreshWith(second), TOKEN_NOT_VALID);
      });

      it("leaves the user's other logins alone, and their access tokens work until they expire", async () => {
        const other = (
          await http.post('/api/token/').send({ email: 'alice@example.com', password: FACTORY_PASSWORD }).expect(200)
        ).body as { access: string; refresh: string };
        await refreshWith(refresh).expect(200);
        expect401(await refreshWith(refresh), TOKEN_NOT_VALID);
        expect((await refreshWith(other.refresh)).status).toBe(200);
        await http.get(`/api/users/${alice.user.id}/`).set('Authorization', `Bearer ${other.access}`).expect(200);
      });

      it('lets only one of two simultaneous refreshes with the same token win, and retires the family', async () => {
        const answers = await Promise.all([refreshWith(refresh), refreshWith(refresh)]);
        expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401]);
        const winner = answers.find((answer) => answer.status === 200)!.body.refresh as string;
        expect401(await refreshWith(winner), TOKEN_NOT_VALID);
      });

      it('refuses a refresh token without a family (signed with the key, but not issued by a login)', async () => {
        const jwt = app.get(JwtService);
        const token = await jwt.signAsync({ sub: alice.user.id, ver: 0, typ: 'refresh' }, { expiresIn: 60 });
        expect401(await refreshWith(token), TOKEN_NOT_VALID);
      });
    });

    it.each<[string, unknown, Record<string, string[]>]>([
      ['a missing field', {}, { refresh: ['This field is required.'] }],
      ['a wrong type', { refresh: 12 }, { refresh: ['Not a valid string.'] }],
      ['an unknown field', { refresh: 'x', access: 'y' }, { access: ['access is not an allowed field.'] }],
    ])('refuses %s with 400', async (_case, body, errors) => {
      const response = await http
        .post('/api/token/refresh/')
        .send(body as object)
        .expect(400);
      expect(response.body).toEqual(invalidFields(errors));
    });
  });

  it('never showed a password hash, nor a password member in a successful answer', () => {
    expect(log.responses.length).toBeGreaterThan(50);
    expect(log.hashCount).toBeGreaterThanOrEqual(2);
    expect(log.leaks()).toEqual([]);
  });
});
