import { basename } from 'node:path';
import { Logger } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { EmbeddedPostgres } from './embedded-postgres.js';

const EMBEDDED_DATABASE = 'movies';

/**
 * Where the database is: the configured DATABASE_URL, or an embedded PostgreSQL started on demand
 * (the zero-config default). Main stops the embedded server after the app has closed.
 */
export class DatabaseLocation {
  private constructor(
    readonly url: string,
    readonly embedded: EmbeddedPostgres | null,
    /** Where a `LISTEN` connection goes: `DATABASE_LISTEN_URL`, else `url`. */
    readonly listenUrl: string = url,
  ) {}

  static async resolve(config: AppConfig): Promise<DatabaseLocation> {
    const { url, listenUrl } = config.database;
    if (url !== null) return new DatabaseLocation(url, null, listenUrl ?? url);
    const logger = new Logger('EmbeddedPostgres');
    const server = await EmbeddedPostgres.start({
      ...config.database.embedded,
      log: (line) => logger.verbose(String(line).trim()),
    });
    await server.ensureDatabase(EMBEDDED_DATABASE);
    return new DatabaseLocation(server.url(EMBEDDED_DATABASE), server);
  }

  get isEmbedded(): boolean {
    return this.embedded !== null;
  }

  /** A human description without the password. */
  describe(): string {
    if (this.embedded) {
      return `embedded PostgreSQL (data in ${this.embedded.options.dataDir}, port ${this.embedded.options.port})`;
    }
    const url = new URL(this.url);
    return `PostgreSQL at ${url.hostname}:${url.port || 5432}/${basename(url.pathname)}`;
  }

  async stop(): Promise<void> {
    await this.embedded?.stop();
  }
}
