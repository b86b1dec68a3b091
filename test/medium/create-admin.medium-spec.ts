import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfigModule, ConflictError, DatabaseModule, DomainEventsModule, InvalidInputError } from '@app/core';
import { UsersModule, UsersService } from '@app/users';
import { buildCli } from '../utils/built-cli.js';

interface UserRow {
  username: string;
  email: string;
  is_admin: boolean;
  password_hash: string;
  token_version: number;
}

/**
 * `create-admin`: the service path it calls, on the real database, then the built program itself
 * (test/utils/built-cli.ts).
 */
describe('create-admin', () => {
  let context: INestApplicationContext;
  let db: DataSource;
  let service: UsersService;

  beforeAll(async () => {
    const module = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot({ requireJwtSecret: false }),
        DatabaseModule.forRoot(),
        DomainEventsModule,
        UsersModule,
      ],
    }).compile();
    context = await module.init();
    db = context.get<DataSource>(getDataSourceToken());
    service = context.get(UsersService);
  });

  beforeEach(async () => {
    // Not test-app's truncateAll: importing it builds the API module, a second TypeORM registration.
    await db.query('TRUNCATE watch_history, ratings, movie_genres, movies, genres, users RESTART IDENTITY CASCADE');
  });

  afterAll(async () => {
    await context.close();
  });

  const users = (): Promise<UserRow[]> =>
    db.query('SELECT username, email, is_admin, password_hash, token_version FROM users ORDER BY email');

  describe('UsersService.createOrPromoteAdmin', () => {
    it('creates an admin named after the email, with the email in lower case and an argon2id hash', async () => {
      const result = await service.createOrPromoteAdmin({ email: ' Root.Admin@Example.com ', password: 'admin-pw-1' });
      expect(result.outcome).toBe('created');
      const [row] = await users();
      expect(row).toMatchObject({ username: 'Root.Admin', email: 'root.admin@example.com', is_admin: true });
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(result.user).toMatchObject({ username: 'Root.Admin', email: 'root.admin@example.com', isAdmin: true });
    });

    it('uses the username when given', async () => {
      await service.createOrPromoteAdmin({ email: 'root@example.com', password: 'admin-pw-1', username: 'chief' });
      expect((await users()).map((user) => user.username)).toEqual(['chief']);
    });

    it('promotes the existing user with that email (any case), keeping their password and tokens', async () => {
      await db.query(
        `INSERT INTO users (username, email, password_hash, token_version)
         VALUES ('alice', 'alice@example.com', 'kept', 3)`,
      );
      const result = await service.createOrPromoteAdmin({ email: 'ALICE@example.com', password: 'other-pw-1' });
      expect(result.outcome).toBe('promoted');
      expect(await users()).toEqual([
        { username: 'alice', email: 'alice@example.com', is_admin: true, password_hash: 'kept', token_version: 3 },
      ]);
    });

    it('promotes without a password', async () => {
      await db.query(`INSERT INTO users (username, email, password_hash) VALUES ('bob', 'bob@example.com', 'x')`);
      const result = await service.createOrPromoteAdmin({ email: 'bob@example.com', password: null });
      expect(result.outcome).toBe('promoted');
    });

    it('changes nothing for a user who is already an admin', async () => {
      await service.createOrPromoteAdmin({ email: 'root@example.com', password: 'admin-pw-1' });
      const before = await users();
      const again = await service.createOrPromoteAdmin({ email: 'root@example.com', password: 'admin-pw-2' });
      expect(again.outcome).toBe('already-admin');
      expect(await users()).toEqual(before);
    });

    it.each<[string, { email: string; password: string | null; username?: string }, Record<string, string[]>]>([
      ['a bad email', { email: 'not-an-email', password: 'admin-pw-1' }, { email: ['Enter a valid email address.'] }],
      ['an empty email', { email: ' ', password: 'admin-pw-1' }, { email: ['This field is required.'] }],
      [
        'a short numeric password',
        { email: 'root@example.com', password: '1234' },
        {
          password: [
            'This password is too short. It must contain at least 8 characters.',
            'This password is entirely numeric.',
          ],
        },
      ],
      [
        'the username as password',
        { email: 'root@example.com', password: 'ROOT-ADMIN', username: 'root-admin' },
        { password: ['The password must not be the same as the username.'] },
      ],
      [
        'a bad username',
        { email: 'root@example.com', password: 'admin-pw-1', username: 'no spaces' },
        {
          username: ['Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.'],
        },
      ],
      [
        'no password for a new account',
        { email: 'root@example.com', password: null },
        { password: ['A password is needed to create a new account.'] },
      ],
    ])('refuses %s and creates nothing', async (_case, input, errors) => {
      const failure = service.createOrPromoteAdmin(input);
      await expect(failure).rejects.toBeInstanceOf(InvalidInputError);
      await expect(failure).rejects.toMatchObject({ errors });
      expect(await users()).toEqual([]);
    });

    it('refuses a username that is taken, in any case', async () => {
      await db.query(`INSERT INTO users (username, email, password_hash) VALUES ('Root', 'other@example.com', 'x')`);
      const failure = service.createOrPromoteAdmin({ email: 'root@example.com', password: 'admin-pw-1' });
      await expect(failure).rejects.toBeInstanceOf(ConflictError);
      await expect(failure).rejects.toThrow('A user with that username already exists.');
    });
  });

  describe('the built program', () => {
    let program: Awaited<ReturnType<typeof buildCli>>;
    const cli = (args: string[], extraEnv: Record<string, string> = {}) =>
      program.cli(['create-admin', ...args], extraEnv);

    beforeAll(async () => {
      program = await buildCli();
    });

    afterAll(async () => {
      await program.remove();
    });

    it('creates an admin with the password from ADMIN_PASSWORD, says so and exits 0', async () => {
      const { stdout } = await cli(['--email', 'ops@example.com'], { ADMIN_PASSWORD: 'from-the-environment' });
      const [{ id }] = await db.query('SELECT id FROM users');
      expect(stdout).toBe(`Created admin ops <ops@example.com> (id ${id}).\n`);
      expect(await users()).toEqual([expect.objectContaining({ username: 'ops', is_admin: true })]);
    });

    it('promotes an existing user and says their password is unchanged', async () => {
      await db.query(`INSERT INTO users (username, email, password_hash) VALUES ('bob', 'bob@example.com', 'x')`);
      const [{ id }] = await db.query('SELECT id FROM users');
      const { stdout } = await cli(['--email', 'Bob@Example.com']);
      expect(stdout).toBe(
        `Promoted existing user bob <bob@example.com> (id ${id}) to admin; their password is unchanged.\n`,
      );
    });

    it('exits 1 with one line per bad field on bad input, creating nothing', async () => {
      await expect(cli(['--email', 'nope', '--password', '12345678'])).rejects.toMatchObject({
        code: 1,
        stdout: '',
        stderr: 'Error: email: Enter a valid email address.\npassword: This password is entirely numeric.\n',
      });
      await expect(cli([])).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining("required option '-e, --email <email>' not specified"),
      });
      expect(await users()).toEqual([]);
    });
  });
});
