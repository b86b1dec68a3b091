import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { EventEmitter2 } from '@nestjs/event-emitter';
import type { DataSource } from 'typeorm';
import type { User } from '@app/users';
import { createAdmin, createUser, FACTORY_PASSWORD, type TestUser } from '../factories/users.factory.js';
import type { Http } from '../utils/http.js';
import { createLoggedTestApp, type ResponseLog } from '../utils/response-log.js';
import { truncateAll } from '../utils/test-app.js';
import { invalidFields } from '../utils/problems.js';
import { USERNAME_PATTERN_MESSAGE, UserDeletedEvent } from '@app/users';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING_UUID = '00000000-0000-4000-8000-000000000000';

const NOT_AUTHENTICATED = {
  type: 'about:blank',
  title: 'Unauthorized',
  status: 401,
  detail: 'Authentication credentials were not provided.',
  code: 'NOT_AUTHENTICATED',
};
const BAD_TOKEN = {
  type: 'about:blank',
  title: 'Unauthorized',
  status: 401,
  detail: 'Given token not valid for any token type.',
  code: 'NOT_AUTHENTICATED',
};
const USER_NOT_FOUND = {
  type: 'about:blank',
  title: 'Not Found',
  status: 404,
  detail: 'Not found.',
  code: 'USER_NOT_FOUND',
};
const MALFORMED_ID_NOT_FOUND = {
  type: 'about:blank',
  title: 'Not Found',
  status: 404,
  detail: 'Not found.',
  code: 'NOT_FOUND',
};
const NOT_YOUR_PROFILE = {
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
  detail: 'You may only change your own profile.',
  code: 'FORBIDDEN',
};

function conflict(detail: string, code: string) {
  return { type: 'about:blank', title: 'Conflict', status: 409, detail, code };
}

/** The wire format of SPEC.md section 2, spelled out independently of the mapper. */
function userBody(user: User) {
  return {
    user_id: user.id,
    username: user.username,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    is_admin: user.isAdmin,
    date_joined: user.dateJoined.toISOString(),
  };
}

const signup = {
  username: 'alice',
  email: 'Alice@Example.COM',
  password: 'a-long-secret',
  first_name: 'Alice',
  last_name: 'Liddell',
};

describe('users', () => {
  let app: NestFastifyApplication;
  let db: DataSource;
  let log: ResponseLog;
  let http: Http;

  beforeAll(async () => {
    ({ app, db, log, http } = await createLoggedTestApp());
  });

  beforeEach(async () => {
    await truncateAll(db);
  });

  const twoUsersAndAnAdmin = async () => ({
    alice: await createUser(app),
    bob: await createUser(app),
    admin: await createAdmin(app),
  });

  afterEach(async () => {
    await log.collectStoredHashes();
  });

  afterAll(async () => {
    await app.close();
  });

  function expectUnauthorized(
    response: { status: number; body: unknown; headers: Record<string, string> },
    body = NOT_AUTHENTICATED,
  ) {
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.body).toEqual(body);
  }

  describe('POST /api/users/ (signup)', () => {
    it('creates a plain user for an anonymous caller, email in lower case, password hashed with argon2id', async () => {
      const response = await http.post('/api/users/').send(signup).expect(201);
      expect(response.body).toEqual({
        user_id: expect.stringMatching(UUID),
        username: 'alice',
        email: 'alice@example.com',
        first_name: 'Alice',
        last_name: 'Liddell',
        is_admin: false,
        date_joined: expect.any(String),
      });
      const [row] = await db.query('SELECT password_hash, date_joined, token_version FROM users WHERE id = $1', [
        response.body.user_id,
      ]);
      expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(response.body.date_joined).toBe(row.date_joined.toISOString());
      expect(row.token_version).toBe(0);
    });

    it('answers without the trailing slash too', async () => {
      await http.post('/api/users').send(signup).expect(201);
    });

    it('lets a signed-in user and an admin sign up another account, never an admin', async () => {
      const user = await createUser(app);
      const admin = await createAdmin(app);
      const first = await http.post('/api/users/').set(user.auth).send(signup).expect(201);
      const second = await http
        .post('/api/users/')
        .set(admin.auth)
        .send({ ...signup, username: 'bob', email: 'bob@example.com' })
        .expect(201);
      expect([first.body.is_admin, second.body.is_admin]).toEqual([false, false]);
    });

    it('refuses is_admin as an unknown field', async () => {
      const response = await http
        .post('/api/users/')
        .send({ ...signup, is_admin: true })
        .expect(400);
      expect(response.body).toEqual(invalidFields({ is_admin: ['is_admin is not an allowed field.'] }));
      expect(await db.query('SELECT count(*)::int AS count FROM users')).toEqual([{ count: 0 }]);
    });

    it('reports every missing field at once', async () => {
      const response = await http.post('/api/users/').send({}).expect(400);
      expect(response.body).toEqual(
        invalidFields({
          username: ['This field is required.'],
          email: ['This field is required.'],
          password: ['This field is required.'],
          first_name: ['This field is required.'],
          last_name: ['This field is required.'],
        }),
      );
    });

    it.each<[string, Record<string, unknown>, Record<string, string[]>]>([
      ['a bad email', { email: 'not-an-email' }, { email: ['Enter a valid email address.'] }],
      ['an email with spaces inside', { email: 'a b@example.com' }, { email: ['Enter a valid email address.'] }],
      [
        'a short password',
        { password: 'abc-12' },
        { password: ['This password is too short. It must contain at least 8 characters.'] },
      ],
      [
        'an overlong password',
        { password: 'x'.repeat(129) },
        { password: ['This password is too long. It must contain at most 128 characters.'] },
      ],
      ['a numeric password', { password: '1234567890' }, { password: ['This password is entirely numeric.'] }],
      [
        'a short numeric password',
        { password: '1234' },
        {
          password: [
            'This password is too short. It must contain at least 8 characters.',
            'This password is entirely numeric.',
          ],
        },
      ],
      [
        'the username as password (any case)',
        { username: 'alice-in-wonderland', password: 'ALICE-in-Wonderland' },
        { password: ['The password must not be the same as the username.'] },
      ],
      [
        'the email as password (any case)',
        { password: 'alice@example.com' },
        { password: ['The password must not be the same as the email address.'] },
      ],
      ['a short username', { username: 'al' }, { username: ['Ensure this field has at least 3 characters.'] }],
      [
        'an overlong username',
        { username: 'a'.repeat(151) },
        { username: ['Ensure this field has no more than 150 characters.'] },
      ],
      [
        'a username with a space',
        { username: 'alice smith' },
        {
          username: ['Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.'],
        },
      ],
      [
        'overlong names',
        { first_name: 'f'.repeat(31), last_name: 'l'.repeat(31) },
        {
          first_name: ['Ensure this field has no more than 30 characters.'],
          last_name: ['Ensure this field has no more than 30 characters.'],
        },
      ],
      [
        'blank names',
        { first_name: '', last_name: '   ' },
        { first_name: ['This field may not be blank.'], last_name: ['This field may not be blank.'] },
      ],
      [
        'wrong JSON types',
        { username: 12, email: ['a@b.c'], password: 12345678, first_name: true, last_name: null },
        {
          username: ['Not a valid string.'],
          email: ['Not a valid string.'],
          password: ['Not a valid string.'],
          first_name: ['Not a valid string.'],
          last_name: ['This field may not be null.'],
        },
      ],
      [
        'unknown fields',
        { is_staff: true, token_version: 3 },
        { is_staff: ['is_staff is not an allowed field.'], token_version: ['token_version is not an allowed field.'] },
      ],
    ])('refuses %s with 400 and per-field messages', async (_case, change, errors) => {
      const response = await http
        .post('/api/users/')
        .send({ ...signup, ...change })
        .expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toEqual(invalidFields(errors));
    });

    it('accepts a 30-character name, a 150-character username and a 128-character password', async () => {
      const response = await http
        .post('/api/users/')
        .send({ ...signup, username: 'u'.repeat(150), password: 'p'.repeat(128), first_name: 'é'.repeat(30) })
        .expect(201);
      expect(response.body.first_name).toBe('é'.repeat(30));
    });

    it('refuses a body that is not JSON', async () => {
      const response = await http
        .post('/api/users/')
        .set('Content-Type', 'application/json')
        .send('{"username": "alice",')
        .expect(400);
      expect(response.body).toEqual({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'JSON parse error: the request body is not valid JSON.',
        code: 'INVALID_JSON',
        errors: { non_field_errors: ['JSON parse error: the request body is not valid JSON.'] },
      });
    });

    it.each([
      ['an array', '[]', 'application/json'],
      ['a string', '"alice"', 'application/json'],
      ['null', 'null', 'application/json'],
      ['plain text', 'username=alice', 'text/plain'],
    ])('refuses %s as the body', async (_case, body, type) => {
      const response = await http.post('/api/users/').set('Content-Type', type).send(body).expect(400);
      expect(response.body).toEqual(
        invalidFields({ non_field_errors: ['Invalid data: the request body must be a JSON object.'] }),
      );
    });

    it('answers 409 for an email that exists in another case', async () => {
      await http.post('/api/users/').send(signup).expect(201);
      const response = await http
        .post('/api/users/')
        .send({ ...signup, username: 'alice2', email: 'ALICE@example.com' })
        .expect(409);
      expect(response.body).toEqual(conflict('A user with that email already exists.', 'EMAIL_TAKEN'));
    });

    it('answers 409 for a username that exists in another case', async () => {
      await http.post('/api/users/').send(signup).expect(201);
      const response = await http
        .post('/api/users/')
        .send({ ...signup, username: 'ALICE', email: 'other@example.com' })
        .expect(409);
      expect(response.body).toEqual(conflict('A user with that username already exists.', 'USERNAME_TAKEN'));
    });

    describe('look-alike usernames', () => {
      const withUsername = (username: string, n = 1) =>
        http.post('/api/users/').send({ ...signup, username, email: `look-alike-${n}@example.com` });

      it('stores the NFKC form, so a full-width name is the plain one (409 when taken)', async () => {
        await http.post('/api/users/').send(signup).expect(201);
        const taken = await withUsername('ａｌｉｃｅ').expect(409);
        expect(taken.body).toEqual(conflict('A user with that username already exists.', 'USERNAME_TAKEN'));
        const created = await withUsername('ｂｏｂ', 2).expect(201);
        expect(created.body.username).toBe('bob');
      });

      it.each([
        [
          'a Cyrillic а among Latin letters',
          '\u0430dmin',
          'Enter a username whose letters are all from one script (such as Latin or Cyrillic).',
        ],
        [
          'Cyrillic look-alikes of a Latin name',
          '\u0455\u0441\u043e\u0440\u0435',
          'Enter a username that does not imitate letters of another script.',
        ],
        ['a compatibility form outside the pattern once folded', '\u2474bob', USERNAME_PATTERN_MESSAGE],
      ])('refuses %s with 400', async (_case, username, message) => {
        const response = await withUsername(username).expect(400);
        expect(response.body).toEqual(invalidFields({ username: [message] }));
      });

      it('accepts names wholly in one script', async () => {
        for (const [n, username] of ['Дмитрий', 'Ελένη', 'Łukasz', '田中太郎'].entries()) {
          expect((await withUsername(username, n)).status).toBe(201);
        }
      });

      it('leaves an existing look-alike username alone: its owner keeps it through PUT and PATCH', async () => {
        const { user, auth } = await createUser(app, { username: '\u0430dmin' });
        const profile = { username: '\u0430dmin', email: user.email, first_name: 'Old', last_name: 'Name' };
        expect((await http.put(`/api/users/${user.id}/`).set(auth).send(profile)).status).toBe(200);
        expect((await http.patch(`/api/users/${user.id}/`).set(auth).send({ first_name: 'New' })).status).toBe(200);
        const renamed = await http.patch(`/api/users/${user.id}/`).set(auth).send({ username: 'p\u0430ypal' });
        expect(renamed.status).toBe(400);
      });
    });

    it('lets the database decide between simultaneous signups with one email: one 201, the rest 409', async () => {
      const statuses = await Promise.all(
        [1, 2, 3, 4].map((n) =>
          http
            .post('/api/users/')
            .send({ ...signup, username: `alice${n}` })
            .then((response) => response.status),
        ),
      );
      expect(statuses.sort()).toEqual([201, 409, 409, 409]);
      expect(await db.query('SELECT count(*)::int AS count FROM users')).toEqual([{ count: 1 }]);
    });
  });

  describe('GET /api/users/', () => {
    let alice: TestUser;
    let bob: TestUser;
    let admin: TestUser;

    beforeEach(async () => {
      ({ alice, bob, admin } = await twoUsersAndAnAdmin());
    });

    it('is 401 for an anonymous caller, with WWW-Authenticate', async () => {
      expectUnauthorized(await http.get('/api/users/'));
    });

    it('is 401 for a token that is not valid', async () => {
      expectUnauthorized(await http.get('/api/users/').set('Authorization', 'Bearer not.a.token'), BAD_TOKEN);
    });

    it('gives a plain user a page holding only themself', async () => {
      const response = await http.get('/api/users/').set(alice.auth).expect(200);
      expect(response.body).toEqual({ count: 1, next: null, previous: null, results: [userBody(alice.user)] });
    });

    it('gives an admin every user, oldest account first', async () => {
      const response = await http.get('/api/users/').set(admin.auth).expect(200);
      expect(response.body).toEqual({
        count: 3,
        next: null,
        previous: null,
        results: [userBody(alice.user), userBody(bob.user), userBody(admin.user)],
      });
    });

    it('pages by date joined with the id as tiebreaker', async () => {
      await db.query(`UPDATE users SET date_joined = '2026-01-01T00:00:00Z'`);
      const ids = [alice.user.id, bob.user.id, admin.user.id].sort();
      const first = await http.get('/api/users/?page_size=2').set(admin.auth).expect(200);
      expect(first.body.count).toBe(3);
      expect(first.body.previous).toBeNull();
      expect(first.body.next).toMatch(/\/api\/users\/\?page_size=2&page=2$/);
      const second = await http.get('/api/users/?page_size=2&page=2').set(admin.auth).expect(200);
      expect(second.body.next).toBeNull();
      expect(second.body.previous).toMatch(/\/api\/users\/\?page_size=2$/);
      expect([...first.body.results, ...second.body.results].map((user: { user_id: string }) => user.user_id)).toEqual(
        ids,
      );
    });

    it('answers 404 for a page past the end and 400 for a bad page size', async () => {
      const past = await http.get('/api/users/?page=2').set(alice.auth).expect(404);
      expect(past.body).toEqual({
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: 'Invalid page.',
        code: 'INVALID_PAGE',
      });
      await http.get('/api/users/?page_size=101').set(admin.auth).expect(400);
    });
  });

  describe('GET /api/users/{id}/', () => {
    let alice: TestUser;
    let bob: TestUser;
    let admin: TestUser;

    beforeEach(async () => {
      ({ alice, bob, admin } = await twoUsersAndAnAdmin());
    });

    it('is 401 for an anonymous caller', async () => {
      expectUnauthorized(await http.get(`/api/users/${alice.user.id}/`));
    });

    it('is 404 for another plain user, as if the profile did not exist', async () => {
      const response = await http.get(`/api/users/${alice.user.id}/`).set(bob.auth).expect(404);
      expect(response.body).toEqual(USER_NOT_FOUND);
    });

    it('shows a user their own profile', async () => {
      const response = await http.get(`/api/users/${alice.user.id}`).set(alice.auth).expect(200);
      expect(response.body).toEqual(userBody(alice.user));
    });

    it('shows an admin anyone’s profile', async () => {
      const response = await http.get(`/api/users/${alice.user.id}/`).set(admin.auth).expect(200);
      expect(response.body).toEqual(userBody(alice.user));
      const own = await http.get(`/api/users/${admin.user.id}/`).set(admin.auth).expect(200);
      expect(own.body).toEqual(userBody(admin.user));
    });

    it('is 404 for an unknown or malformed id, even for an admin', async () => {
      expect((await http.get(`/api/users/${MISSING_UUID}/`).set(admin.auth).expect(404)).body).toEqual(USER_NOT_FOUND);
      expect((await http.get('/api/users/not-a-uuid/').set(admin.auth).expect(404)).body).toEqual(
        MALFORMED_ID_NOT_FOUND,
      );
    });
  });

  describe.each(['PUT', 'PATCH'] as const)('%s /api/users/{id}/', (method) => {
    let alice: TestUser;
    let bob: TestUser;
    let admin: TestUser;
    const profile = { username: 'alice_new', email: 'New.Alice@Example.com', first_name: 'Al', last_name: 'Ice' };
    const send = (id: string, body: object, caller?: TestUser) => {
      const call = method === 'PUT' ? http.put(`/api/users/${id}/`) : http.patch(`/api/users/${id}/`);
      return (caller ? call.set(caller.auth) : call).send(body);
    };

    beforeEach(async () => {
      ({ alice, bob, admin } = await twoUsersAndAnAdmin());
    });

    it('is 401 for an anonymous caller', async () => {
      expectUnauthorized(await send(alice.user.id, profile));
    });

    it('is 404 for another plain user', async () => {
      const response = await send(alice.user.id, profile, bob).expect(404);
      expect(response.body).toEqual(USER_NOT_FOUND);
    });

    it('is 403 for an admin changing someone else, who may see but not edit the profile', async () => {
      const response = await send(alice.user.id, profile, admin).expect(403);
      expect(response.body).toEqual(NOT_YOUR_PROFILE);
      const [row] = await db.query('SELECT username FROM users WHERE id = $1', [alice.user.id]);
      expect(row.username).toBe(alice.user.username);
    });

    it('updates the caller’s own profile, storing the email in lower case', async () => {
      const response = await send(alice.user.id, profile, alice).expect(200);
      expect(response.body).toEqual({
        ...userBody(alice.user),
        username: 'alice_new',
        email: 'new.alice@example.com',
        first_name: 'Al',
        last_name: 'Ice',
      });
      const shown = await http.get(`/api/users/${alice.user.id}/`).set(alice.auth).expect(200);
      expect(shown.body).toEqual(response.body);
    });

    it('lets an admin update their own profile and stay admin', async () => {
      const response = await send(admin.user.id, profile, admin).expect(200);
      expect(response.body.is_admin).toBe(true);
      expect(response.body.username).toBe('alice_new');
    });

    it('refuses is_admin, even for an admin on their own profile', async () => {
      const response = await send(alice.user.id, { ...profile, is_admin: true }, alice).expect(400);
      expect(response.body).toEqual(invalidFields({ is_admin: ['is_admin is not an allowed field.'] }));
      await send(admin.user.id, { ...profile, is_admin: false }, admin).expect(400);
    });

    it('answers 409 for an email or a username that another user has, in any case', async () => {
      const email = await send(alice.user.id, { ...profile, email: bob.user.email.toUpperCase() }, alice).expect(409);
      expect(email.body).toEqual(conflict('A user with that email already exists.', 'EMAIL_TAKEN'));
      const username = await send(alice.user.id, { ...profile, username: bob.user.username.toUpperCase() }, alice);
      expect(username.status).toBe(409);
      expect(username.body).toEqual(conflict('A user with that username already exists.', 'USERNAME_TAKEN'));
    });

    it('reports bad fields per field', async () => {
      const response = await send(
        alice.user.id,
        { ...profile, username: null, email: 'nope', first_name: 'x'.repeat(31), last_name: 7 },
        alice,
      ).expect(400);
      expect(response.body).toEqual(
        invalidFields({
          username: ['This field may not be null.'],
          email: ['Enter a valid email address.'],
          first_name: ['Ensure this field has no more than 30 characters.'],
          last_name: ['Not a valid string.'],
        }),
      );
    });

    it('needs current_password to change the password', async () => {
      const response = await send(alice.user.id, { ...profile, password: 'brand-new-secret' }, alice).expect(400);
      expect(response.body).toEqual(
        invalidFields({ current_password: ['This field is required to change the password.'] }),
      );
    });

    it('changes the password and refuses every token issued before', async () => {
      const [{ token_version: before }] = await db.query('SELECT token_version FROM users WHERE id = $1', [
        alice.user.id,
      ]);
      const refresh = (
        await http.post('/api/token/').send({ email: alice.user.email, password: FACTORY_PASSWORD }).expect(200)
      ).body.refresh;

      const response = await send(
        alice.user.id,
        { ...profile, password: 'brand-new-secret', current_password: FACTORY_PASSWORD },
        alice,
      ).expect(200);
      expect(response.body).toEqual({ ...userBody(alice.user), ...profile, email: 'new.alice@example.com' });

      const [{ token_version: after }] = await db.query('SELECT token_version FROM users WHERE id = $1', [
        alice.user.id,
      ]);
      expect(after).toBe(before + 1);
      expectUnauthorized(await http.get(`/api/users/${alice.user.id}/`).set(alice.auth), BAD_TOKEN);
      await http.post('/api/token/refresh/').send({ refresh }).expect(401);

      await http.post('/api/token/').send({ email: 'new.alice@example.com', password: FACTORY_PASSWORD }).expect(401);
      const login = await http
        .post('/api/token/')
        .send({ email: 'new.alice@example.com', password: 'brand-new-secret' })
        .expect(200);
      await http.get(`/api/users/${alice.user.id}/`).set('Authorization', `Bearer ${login.body.access}`).expect(200);
    });

    it('keeps the tokens working when the password does not change', async () => {
      await send(alice.user.id, profile, alice).expect(200);
      await http.get(`/api/users/${alice.user.id}/`).set(alice.auth).expect(200);
    });

    it('is 404 for an unknown or malformed id', async () => {
      await send(MISSING_UUID, profile, admin).expect(404);
      await send('nope', profile, alice).expect(404);
    });
  });

  describe('PUT /api/users/{id}/ needs the whole profile', () => {
    it('reports each missing profile field', async () => {
      const alice = await createUser(app);
      const response = await http.put(`/api/users/${alice.user.id}/`).set(alice.auth).send({ first_name: 'A' });
      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        invalidFields({
          username: ['This field is required.'],
          email: ['This field is required.'],
          last_name: ['This field is required.'],
        }),
      );
    });
  });

  describe('PATCH /api/users/{id}/ takes any subset', () => {
    it('changes only the fields sent', async () => {
      const alice = await createUser(app);
      const response = await http
        .patch(`/api/users/${alice.user.id}/`)
        .set(alice.auth)
        .send({ last_name: 'Carroll' })
        .expect(200);
      expect(response.body).toEqual({ ...userBody(alice.user), last_name: 'Carroll' });
    });

    it('refuses a wrong current_password and a new password breaking the rules, both at once', async () => {
      const alice = await createUser(app);
      const response = await http
        .patch(`/api/users/${alice.user.id}/`)
        .set(alice.auth)
        .send({ password: alice.user.email.toUpperCase(), current_password: 'not-the-password' })
        .expect(400);
      expect(response.body).toEqual(
        invalidFields({
          current_password: ['The current password is incorrect.'],
          password: ['The password must not be the same as the email address.'],
        }),
      );
    });

    it('compares a new password with the stored username', async () => {
      const alice = await createUser(app, { username: 'wonderland-alice' });
      const response = await http
        .patch(`/api/users/${alice.user.id}/`)
        .set(alice.auth)
        .send({ password: 'Wonderland-Alice', current_password: FACTORY_PASSWORD })
        .expect(400);
      expect(response.body).toEqual(
        invalidFields({ password: ['The password must not be the same as the username.'] }),
      );
    });
  });

  describe('DELETE /api/users/{id}/', () => {
    let alice: TestUser;
    let bob: TestUser;
    let admin: TestUser;

    beforeEach(async () => {
      ({ alice, bob, admin } = await twoUsersAndAnAdmin());
    });

    const exists = async (id: string) =>
      (await db.query('SELECT count(*)::int AS count FROM users WHERE id = $1', [id]))[0].count === 1;

    it('is 401 for an anonymous caller', async () => {
      expectUnauthorized(await http.delete(`/api/users/${alice.user.id}/`));
      expect(await exists(alice.user.id)).toBe(true);
    });

    it('is 404 for another plain user, and deletes nothing', async () => {
      const response = await http.delete(`/api/users/${alice.user.id}/`).set(bob.auth).expect(404);
      expect(response.body).toEqual(USER_NOT_FOUND);
      expect(await exists(alice.user.id)).toBe(true);
    });

    it('lets a user delete themself; their token then stops working', async () => {
      const response = await http.delete(`/api/users/${alice.user.id}/`).set(alice.auth).expect(204);
      expect(response.text).toBe('');
      expect(await exists(alice.user.id)).toBe(false);
      expectUnauthorized(await http.get('/api/users/').set(alice.auth), BAD_TOKEN);
    });

    it('lets an admin delete anyone; the deleted user’s tokens stop working', async () => {
      const { refresh } = (
        await http.post('/api/token/').send({ email: alice.user.email, password: FACTORY_PASSWORD }).expect(200)
      ).body;
      await http.delete(`/api/users/${alice.user.id}/`).set(admin.auth).expect(204);
      expect(await exists(alice.user.id)).toBe(false);
      expectUnauthorized(await http.get(`/api/users/${alice.user.id}/`).set(alice.auth), BAD_TOKEN);
      await http.post('/api/token/refresh/').send({ refresh }).expect(401);
      await http.post('/api/token/').send({ email: alice.user.email, password: FACTORY_PASSWORD }).expect(401);
      await http.delete(`/api/users/${alice.user.id}/`).set(admin.auth).expect(404);
    });

    it('is 404 for an unknown or malformed id', async () => {
      expect((await http.delete(`/api/users/${MISSING_UUID}/`).set(admin.auth).expect(404)).body).toEqual(
        USER_NOT_FOUND,
      );
      await http.delete('/api/users/123/').set(admin.auth).expect(404);
    });

    it('removes the ratings and history and leaves exact aggregates on every movie involved', async () => {
      const insertMovie = async (title: string): Promise<string> => {
        const [row] = await db.query<{ id: string }[]>(`INSERT INTO movies (title) VALUES ($1) RETURNING id`, [title]);
        return row.id;
      };
      const [heat, alien, brazil, dune] = [
        await insertMovie('Heat'),
        await insertMovie('Alien'),
        await insertMovie('Brazil'),
        await insertMovie('Dune'),
      ];
      const [{ id: genreId }] = await db.query(`INSERT INTO genres (name) VALUES ('Drama') RETURNING id`);
      await db.query(`INSERT INTO movie_genres (movie_id, genre_id) VALUES ($1, $2)`, [heat, genreId]);
      const rate = (user: TestUser, movie: string, score: number) =>
        db.query(`INSERT INTO ratings (user_id, movie_id, score) VALUES ($1, $2, $3)`, [user.user.id, movie, score]);
      const watch = (user: TestUser, movie: string) =>
        db.query(`INSERT INTO watch_history (user_id, movie_id) VALUES ($1, $2)`, [user.user.id, movie]);
      // Alice: rated and watched Heat, watched Alien, rated Dune without a watch row. Bob: Heat, Alien, Brazil.
      await rate(alice, heat, 4);
      await watch(alice, heat);
      await watch(alice, alien);
      await rate(alice, dune, 5);
      await rate(bob, heat, 2);
      await watch(bob, heat);
      await watch(bob, alien);
      await rate(bob, brazil, 3);
      await watch(bob, brazil);
      // Aggregates as the rating endpoints keep them (popularity = average * 0.7 + watches * 0.3).
      await db.query(`
        UPDATE movies m SET
          rating_sum = coalesce((SELECT sum(score) FROM ratings r WHERE r.movie_id = m.id), 0),
          rating_count = (SELECT count(*) FROM ratings r WHERE r.movie_id = m.id),
          watch_count = (SELECT count(*) FROM watch_history w WHERE w.movie_id = m.id)`);
      await db.query(`
        UPDATE movies SET popularity_score =
          (CASE WHEN rating_count = 0 THEN 0 ELSE rating_sum::float8 / rating_count END) * 0.7 + watch_count * 0.3`);
      const events: UserDeletedEvent[] = [];
      const listener = (event: UserDeletedEvent) => events.push(event);
      app.get(EventEmitter2).on(UserDeletedEvent.eventName, listener);

      await http.delete(`/api/users/${alice.user.id}/`).set(alice.auth).expect(204);
      app.get(EventEmitter2).off(UserDeletedEvent.eventName, listener);

      const movies = await db.query(
        `SELECT title, rating_sum::int AS rating_sum, rating_count, watch_count, average_rating, popularity_score
         FROM movies ORDER BY title`,
      );
      expect(movies).toEqual([
        {
          title: 'Alien',
          rating_sum: 0,
          rating_count: 0,
          watch_count: 1,
          average_rating: 0,
          popularity_score: expect.closeTo(0.3, 12),
        },
        {
          title: 'Brazil',
          rating_sum: 3,
          rating_count: 1,
          watch_count: 1,
          average_rating: 3,
          popularity_score: expect.closeTo(2.4, 12),
        },
        { title: 'Dune', rating_sum: 0, rating_count: 0, watch_count: 0, average_rating: 0, popularity_score: 0 },
        {
          title: 'Heat',
          rating_sum: 2,
          rating_count: 1,
          watch_count: 1,
          average_rating: 2,
          popularity_score: expect.closeTo(1.7, 12),
        },
      ]);
      const [copy] = await db.query(`SELECT popularity_score FROM movie_genres WHERE movie_id = $1`, [heat]);
      expect(copy.popularity_score).toBeCloseTo(1.7, 12);
      expect(await db.query(`SELECT count(*)::int AS count FROM ratings WHERE user_id = $1`, [alice.user.id])).toEqual([
        { count: 0 },
      ]);
      expect(
        await db.query(`SELECT count(*)::int AS count FROM watch_history WHERE user_id = $1`, [alice.user.id]),
      ).toEqual([{ count: 0 }]);
      expect(await db.query(`SELECT count(*)::int AS ratings FROM ratings`)).toEqual([{ ratings: 2 }]);
      expect(await db.query(`SELECT count(*)::int AS watches FROM watch_history`)).toEqual([{ watches: 3 }]);
      expect(events).toHaveLength(1);
      expect(events[0].userId).toBe(alice.user.id);
      expect([...events[0].movieIds].sort()).toEqual([heat, alien, dune].sort());
    });
  });

  it('never showed a password hash, nor a password member in a successful answer', () => {
    expect(log.responses.length).toBeGreaterThan(100);
    expect(log.hashCount).toBeGreaterThan(10);
    expect(log.leaks()).toEqual([]);
  });
});
