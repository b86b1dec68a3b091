import { buildCli } from '../utils/built-cli.js';

/** The built API's start-up: a bad configuration stops it with a message naming the variable. */
describe('API start-up', () => {
  let build: Awaited<ReturnType<typeof buildCli>>;

  beforeAll(async () => {
    build = await buildCli();
  }, 120_000);

  afterAll(async () => {
    await build.remove();
  });

  it('stops with exit code 1 and names JWT_SECRET when it is too short', async () => {
    // The configuration is read before any connection: the database address is never reached.
    const failure = (await build
      .api({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/never', JWT_SECRET: 'too-short', LOG_LEVEL: 'error' })
      .then(
        () => null,
        (error: unknown) => error,
      )) as { code?: number; stderr?: string } | null;
    expect(failure).not.toBeNull();
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('JWT_SECRET must be at least 32 characters long');
  });
});
