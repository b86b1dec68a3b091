import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DataSource } from 'typeorm';
import { createAdmin, createUser, type TestUser } from '../factories/users.factory.js';
import { eventually } from '../utils/eventually.js';
import { http } from '../utils/http.js';
import { createTestApp, dataSourceOf, FEATURE_TEST_LIMITS, truncateAll } from '../utils/test-app.js';

/**
 * Each API process keeps token versions in memory (AuthStateCache). A change made elsewhere (another
 * API process, the CLI, an operator's SQL: here, SQL on the test's own connection) reaches it through
 * PostgreSQL's notification, delivered a moment after commit, hence `eventually`. The memory is kept
 * far longer than these tests wait, so only the notification (or the lost connection) can retire a token.
 * The changes this process makes itself are refused at once: users.e2e-spec.ts and tokens.e2e-spec.ts.
 */
describe('token retirement by other processes', () => {
  let app: NestFastifyApplication;
  let db: DataSource;
  let alice: TestUser;

  beforeAll(async () => {
    app = await createTestApp({ ...FEATURE_TEST_LIMITS, AUTH_STATE_CACHE_MS: '600000' });
    db = dataSourceOf(app);
  });

  beforeEach(async () => {
    await truncateAll(db);
    alice = await createUser(app);
  });

  afterAll(async () => {
    await app.close();
  });

  const me = (user: TestUser) => http(app).get(`/api/users/${user.user.id}/`).set(user.auth);
  /** Waits until the listening connection is up again (the cache keeps nothing meanwhile). */
  const listenerPid = async (): Promise<number> => {
    const rows = await db.query<{ pid: number }[]>(
      `SELECT pid FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'mra-listener' AND query LIKE 'LISTEN%'`,
    );
    if (rows.length !== 1) throw new Error(`${rows.length} listening connections`);
    return rows[0].pid;
  };

  it('refuses a token once its version changed in the database', async () => {
    await me(alice).expect(200);
    await db.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [alice.user.id]);
    await eventually(async () => {
      await me(alice).expect(401);
    });
  });

  it('refuses the token of a user deleted from the database', async () => {
    await me(alice).expect(200);
    await db.query('DELETE FROM users WHERE id = $1', [alice.user.id]);
    await eventually(async () => {
      await http(app).get('/api/users/').set(alice.auth).expect(401);
    });
  });

  it('takes admin rights away from an admin demoted in the database', async () => {
    const admin = await createAdmin(app);
    const createGenre = () => http(app).post('/api/genres/').set(admin.auth).send({});
    expect((await createGenre()).status).toBe(400);
    await db.query('UPDATE users SET is_admin = false WHERE id = $1', [admin.user.id]);
    await eventually(async () => {
      expect((await createGenre()).status).toBe(403);
    });
  });

  it('keeps no token version from before a lost connection', async () => {
    await eventually(listenerPid);
    await me(alice).expect(200);
    // The listening connection dies before the commit sends the notification, so it is never heard:
    // only starting over from an empty memory (and reading the database until listening again) helps.
    await db.transaction(async (manager) => {
      await manager.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [alice.user.id]);
      await manager.query('SELECT pg_terminate_backend($1)', [await listenerPid()]);
    });
    await eventually(async () => {
      await me(alice).expect(401);
    });
    await eventually(listenerPid);
  });
});
