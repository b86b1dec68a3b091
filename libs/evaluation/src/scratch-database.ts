import { randomBytes } from 'node:crypto';
import pg from 'pg';

/**
 * A database of its own on the server of `serverUrl`, for one evaluation run, named after the
 * database of `serverUrl` (`movies_eval_<time>_<random>`) so it is clear whose it is. `drop()` may be called
 * any number of times and from a signal handler: it ends the connections still open on it.
 */
export class ScratchDatabase {
  private dropped: Promise<void> | null = null;

  private constructor(
    private readonly serverUrl: string,
    readonly name: string,
  ) {}

  static async create(serverUrl: string): Promise<ScratchDatabase> {
    const name = `${scratchDatabasePrefix(serverUrl)}${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    await withClient(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
    return new ScratchDatabase(serverUrl, name);
  }

  /** The connection string of the scratch database (same server, user and options). */
  get url(): string {
    const url = new URL(this.serverUrl);
    url.pathname = `/${this.name}`;
    return url.toString();
  }

  drop(): Promise<void> {
    this.dropped ??= withClient(this.serverUrl, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${this.name}" WITH (FORCE)`);
    });
    return this.dropped;
  }
}

/** The start of the names of the scratch databases made beside the database of `serverUrl`. */
export function scratchDatabasePrefix(serverUrl: string): string {
  const base = decodeURIComponent(new URL(serverUrl).pathname.slice(1)) || 'postgres';
  return `${base.slice(0, 40).replace(/[^A-Za-z0-9_]/g, '_')}_eval_`;
}

/** Names of the scratch databases that exist beside the database of `serverUrl`. */
export async function listScratchDatabases(serverUrl: string): Promise<string[]> {
  return withClient(serverUrl, async (client) => {
    const result = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname',
      [scratchDatabasePrefix(serverUrl)],
    );
    return result.rows.map((row) => row.datname);
  });
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
