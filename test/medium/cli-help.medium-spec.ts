import { buildCli } from '../utils/built-cli.js';
import { closedPort } from '../utils/tcp-proxy.js';

/**
 * Help needs no database: the built program answers it with DATABASE_URL pointing at a closed port
 * (before, it connected and ran the migrations first, and failed there).
 */
describe('the command-line program asked for help, with no database', () => {
  let program: Awaited<ReturnType<typeof buildCli>>;
  let env: Record<string, string>;

  beforeAll(async () => {
    program = await buildCli();
    env = { DATABASE_URL: `postgres://postgres@127.0.0.1:${await closedPort()}/nowhere` };
  });

  afterAll(async () => {
    await program.remove();
  });

  it('lists the commands for --help and exits 0', async () => {
    const { stdout, stderr } = await program.cli(['--help'], env);
    expect(stdout).toMatch(/^Usage: \S+ \[options\] \[command\]\n/);
    for (const command of ['create-admin', 'import-movielens', 'seed', 'block-ip', 'list-blocked-ips']) {
      expect(stdout).toContain(`\n  ${command} `);
    }
    expect(stderr).toBe('');
  });

  it.each([[['seed', '--help']], [['seed', '-h']], [['help', 'seed']]])(
    'describes one command for %j and exits 0',
    async (args) => {
      const { stdout, stderr } = await program.cli(args, env);
      expect(stdout).toMatch(/^Usage: \S+ seed \[options\]\n/);
      expect(stdout).toContain('--random-seed <n>');
      expect(stderr).toBe('');
    },
  );

  it.each([[['bogus']], [['--bogus', 'seed']]])(
    "refuses %j with commander's own message, without reaching for the database",
    async (args) => {
      const failure = program.cli(args, env);
      await expect(failure).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/^error: unknown (command|option) '(--)?bogus'/),
      });
      await expect(failure).rejects.not.toMatchObject({ stderr: expect.stringMatching(/ECONNREFUSED|connect/) });
    },
  );

  it('shows the usage on stderr and exits 1 when no command is given, with no error of its own', async () => {
    const failure = program.cli([], env);
    await expect(failure).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: expect.stringMatching(/^Usage: \S+ \[options\] \[command\]\n/),
    });
    await expect(failure).rejects.not.toMatchObject({ stderr: expect.stringContaining('Error') });
  });
});
