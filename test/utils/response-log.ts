import type { INestApplication } from '@nestjs/common';
import { type Http, http } from './http.js';
import { createTestApp, dataSourceOf } from './test-app.js';

/**
 * Records the body of every response a test file receives, so the file can prove at the end that
 * no password hash (nor any `password` member of a successful answer) ever left the API.
 */
export class ResponseLog {
  readonly responses: { status: number; text: string }[] = [];
  private readonly knownHashes = new Set<string>();

  constructor(private readonly app: INestApplication) {}

  /** `http(app)` (responses checked against openapi.json) whose responses are all recorded. */
  client(): Http {
    return http(this.app, { onResponse: (response) => this.responses.push(response) });
  }

  /** Remembers the hashes now stored (call it before a truncate, e.g. in afterEach). */
  async collectStoredHashes(): Promise<void> {
    const rows: { password_hash: string }[] = await dataSourceOf(this.app).query('SELECT password_hash FROM users');
    for (const row of rows) this.knownHashes.add(row.password_hash);
  }

  /** Every recorded response body that shows a hash or, when successful, any `password` member. */
  leaks(): string[] {
    return this.responses
      .filter(
        ({ status, text }) =>
          text.includes('$argon2') ||
          [...this.knownHashes].some((hash) => text.includes(hash)) ||
          (status < 300 && /password/i.test(text)),
      )
      .map(({ status, text }) => `${status} ${text}`);
  }

  get hashCount(): number {
    return this.knownHashes.size;
  }
}

/** The whole API with its data source, and a client whose responses `log` records. */
export async function createLoggedTestApp() {
  const app = await createTestApp();
  const log = new ResponseLog(app);
  return { app, db: dataSourceOf(app), log, http: log.client() };
}
