import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AppConfig } from './app-config.js';
import { ConfigError } from './config-error.js';

type Env = Record<string, string | undefined>;

/** Reads variables one by one, collecting every problem so the boot reports them all at once. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const value = this.env[name];
    return value === undefined || value === '' ? fallback : value;
  }

  optionalString(name: string): string | null {
    const value = this.env[name];
    return value === undefined || value === '' ? null : value;
  }

  url(name: string, protocols: string[]): string | null {
    const value = this.optionalString(name);
    if (value === null) return null;
    try {
      const parsed = new URL(value);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(
          `${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got "${parsed.protocol}//...")`,
        );
      }
    } catch {
      this.problems.push(`${name} is not a valid URL`);
    }
    return value;
  }

  integer(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.optionalString(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || value < min || value > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  number(name: string, fallback: number, min: number): number {
    const raw = this.optionalString(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value < min) {
      this.problems.push(`${name} must be a number >= ${min} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optionalString(name);
    if (raw === null) return fallback;
    if (['true', '1', 'yes'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optionalString(name);
    if (raw === null) return fallback;
    if (!allowed.includes(raw as T)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }
}

const MINUTE_MS = 60_000;
const MIN_JWT_SECRET_LENGTH = 32;

export interface LoadConfigOptions {
  /** The CLI signs no tokens, so it does not insist on JWT_SECRET. */
  requireJwtSecret: boolean;
  projectRoot?: string;
}

export function loadAppConfig(env: Env, options: LoadConfigOptions = { requireJwtSecret: true }): AppConfig {
  const read = new EnvReader(env);
  const projectRoot = options.projectRoot ?? process.cwd();
  const databaseUrl = read.url('DATABASE_URL', ['postgres:', 'postgresql:']);
  const embeddedDataDir = resolve(projectRoot, read.string('EMBEDDED_PG_DATA_DIR', '.data/postgres'));

  const config: AppConfig = {
    nodeEnv: read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development'),
    port: read.integer('PORT', 3000, 0, 65535),
    host: read.string('HOST', '0.0.0.0'),
    publicBaseUrl: read.url('PUBLIC_BASE_URL', ['http:', 'https:']),
    database: {
      url: databaseUrl,
      runMigrations: read.boolean('MIGRATIONS_RUN', true),
      poolSize: read.integer('DATABASE_POOL_SIZE', 10, 1, 200),
      queryLogFile: read.optionalString('DATABASE_QUERY_LOG'),
      embedded: { dataDir: embeddedDataDir, port: read.integer('EMBEDDED_PG_PORT', 54329, 1024, 65535) },
    },
    redis: {
      url: read.url('REDIS_URL', ['redis:', 'rediss:']),
      keyPrefix: read.string('CACHE_KEY_PREFIX', 'mra'),
    },
    auth: {
      jwtSecret: readJwtSecret(read, databaseUrl === null, embeddedDataDir, options.requireJwtSecret),
      accessTokenTtlSeconds: read.integer('JWT_ACCESS_TTL_SECONDS', 60 * 60, 1),
      refreshTokenTtlSeconds: read.integer('JWT_REFRESH_TTL_SECONDS', 7 * 24 * 60 * 60, 1),
    },
    cacheTtlMs: {
      lists: read.integer('CACHE_TTL_LISTS_MS', 15 * MINUTE_MS, 0),
      genres: read.integer('CACHE_TTL_GENRES_MS', 60 * MINUTE_MS, 0),
      recommendations: read.integer('CACHE_TTL_RECOMMENDATIONS_MS', 10 * MINUTE_MS, 0),
    },
    popularity: {
      rating: read.number('POPULARITY_WEIGHT_RATING', 0.7, 0),
      watch: read.number('POPULARITY_WEIGHT_WATCH', 0.3, 0),
    },
    recommendations: { size: read.integer('RECOMMENDATIONS_SIZE', 20, 1, 100) },
    seedDemoData: read.boolean('SEED_DEMO_DATA', databaseUrl === null),
  };

  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

/**
 * Production (a configured DATABASE_URL) must bring its own secret. The embedded default is a
 * zero-config developer set-up, so it generates one on first start and keeps it beside its data.
 */
function readJwtSecret(read: EnvReader, embedded: boolean, dataDir: string, required: boolean): string {
  const secret = read.optionalString('JWT_SECRET');
  if (secret !== null) {
    if (secret.length < MIN_JWT_SECRET_LENGTH) {
      read.problems.push(`JWT_SECRET must be at least ${MIN_JWT_SECRET_LENGTH} characters long`);
    }
    return secret;
  }
  if (embedded) return persistedDevelopmentSecret(resolve(dirname(dataDir), 'jwt-secret'));
  if (required) {
    read.problems.push('JWT_SECRET is required when DATABASE_URL is set (at least 32 random characters)');
  }
  return '';
}

function persistedDevelopmentSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
