import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CronExpressionParser } from 'cron-parser';
import { type AppConfig, type JobsConfig, RECOMMENDATION_STRATEGIES } from './app-config.js';
import { parseIpRange } from '../network/ip-ranges.js';
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

  /** A comma-separated list; empty items are dropped. */
  list(name: string, fallback: string[]): string[] {
    const raw = this.optionalString(name);
    if (raw === null) return fallback;
    return raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
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
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  // The embedded database outside production means a developer's terminal, not a log collector.
  const developerStart = databaseUrl === null && nodeEnv !== 'production';

  const config: AppConfig = {
    nodeEnv,
    port: read.integer('PORT', 3000, 0, 65535),
    host: read.string('HOST', '0.0.0.0'),
    publicBaseUrl: read.url('PUBLIC_BASE_URL', ['http:', 'https:']),
    database: {
      url: databaseUrl,
      runMigrations: read.boolean('MIGRATIONS_RUN', true),
      poolSize: read.integer('DATABASE_POOL_SIZE', 10, 1, 200),
      connectTimeoutMs: read.integer('DATABASE_CONNECT_TIMEOUT_MS', 2_000, 100),
      statementTimeoutMs: read.integer('DATABASE_STATEMENT_TIMEOUT_MS', 10_000, 0),
      listenUrl: read.url('DATABASE_LISTEN_URL', ['postgres:', 'postgresql:']),
      namedStatements: read.boolean('DATABASE_NAMED_STATEMENTS', true),
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
      stateCacheMs: read.integer('AUTH_STATE_CACHE_MS', 10_000, 0),
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
    recommendations: {
      size: read.integer('RECOMMENDATIONS_SIZE', 20, 1, 100),
      strategy: read.oneOf('RECOMMENDER_STRATEGY', RECOMMENDATION_STRATEGIES, 'auto'),
    },
    seedDemoData: read.boolean('SEED_DEMO_DATA', databaseUrl === null),
    adminPassword: read.optionalString('ADMIN_PASSWORD'),
    seed: {
      adminEmail: read.string('SEED_ADMIN_EMAIL', 'admin@email.com'),
      adminPassword: read.optionalString('SEED_ADMIN_PASSWORD'),
    },
    http: {
      trustProxy: readTrustProxy(read),
      corsOrigins: readCorsOrigins(read),
      bodyLimitBytes: read.integer('BODY_LIMIT_BYTES', 1024 * 1024, 1024),
      requestTimeoutMs: read.integer('REQUEST_TIMEOUT_MS', 15_000, 0),
    },
    rateLimits: {
      windowMs: read.integer('RATE_LIMIT_WINDOW_MS', MINUTE_MS, 100),
      anonymousPerIp: read.integer('RATE_LIMIT_ANONYMOUS', 300, 1),
      perUser: read.integer('RATE_LIMIT_USER', 600, 1),
      loginPerIp: read.integer('RATE_LIMIT_LOGIN', 5, 1),
      loginPerEmail: read.integer('RATE_LIMIT_LOGIN_EMAIL', 5, 1),
      signupPerIp: read.integer('RATE_LIMIT_SIGNUP', 10, 1),
    },
    blocklist: {
      refreshMs: read.integer('BLOCKLIST_REFRESH_MS', 5_000, 100),
      autoBlock: {
        windowMs: read.integer('AUTO_BLOCK_WINDOW_MS', 10 * MINUTE_MS, 1_000),
        failedLogins: read.integer('AUTO_BLOCK_FAILED_LOGINS', 20, 0),
        clientErrors: read.integer('AUTO_BLOCK_CLIENT_ERRORS', 200, 0),
        durationMs: read.integer('AUTO_BLOCK_DURATION_MS', 60 * MINUTE_MS, 1_000),
      },
    },
    observability: {
      logLevel: read.oneOf(
        'LOG_LEVEL',
        ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
        'info',
      ),
      logFormat: read.oneOf('LOG_FORMAT', ['json', 'pretty'] as const, developerStart ? 'pretty' : 'json'),
      metricsToken: readMetricsToken(read),
    },
    jobs: readJobsConfig(read),
  };

  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return config;
}

function readJobsConfig(read: EnvReader): JobsConfig {
  const port = read.integer('WORKER_PORT', 0, 0, 65535);
  return {
    schedules: {
      trainRecommender: readSchedule(read, 'JOBS_TRAIN_RECOMMENDER_CRON', '0 3 * * *'),
      aggregateDriftCheck: readSchedule(read, 'JOBS_DRIFT_CHECK_CRON', '0 4 * * *'),
    },
    attempts: read.integer('JOBS_ATTEMPTS', 3, 1, 100),
    backoffMs: read.integer('JOBS_BACKOFF_MS', 30_000, 0),
    historyLimit: read.integer('JOBS_HISTORY_LIMIT', 1_000, 1, 100_000),
    worker: {
      lockMs: read.integer('WORKER_LOCK_MS', 30_000, 1_000),
      stalledCheckMs: read.integer('WORKER_STALLED_CHECK_MS', 30_000, 500),
      maxStalledCount: read.integer('WORKER_MAX_STALLED', 2, 0, 100),
      shutdownGraceMs: read.integer('WORKER_SHUTDOWN_GRACE_MS', 20_000, 0),
      port: port === 0 ? null : port,
    },
  };
}

/** A cron pattern (five fields, or six with seconds first), or `off`. */
function readSchedule(read: EnvReader, name: string, fallback: string): string | null {
  const pattern = read.string(name, fallback).trim();
  if (pattern.toLowerCase() === 'off') return null;
  try {
    CronExpressionParser.parse(pattern, { tz: 'UTC' });
  } catch {
    read.problems.push(`${name} must be a cron pattern such as "0 3 * * *", or off (got "${pattern}")`);
    return null;
  }
  return pattern;
}

function readTrustProxy(read: EnvReader): string[] {
  const proxies = read.list('TRUST_PROXY', []);
  for (const proxy of proxies) {
    if (parseIpRange(proxy) === null) read.problems.push(`TRUST_PROXY entries must be IPs or CIDRs (got "${proxy}")`);
  }
  return proxies;
}

/** A wildcard means "any origin, no credentials" and cannot be mixed with named origins. */
function readCorsOrigins(read: EnvReader): string[] {
  const origins = read.list('CORS_ORIGINS', []);
  if (origins.includes('*') && origins.length > 1) {
    read.problems.push('CORS_ORIGINS is either * alone or a list of origins, not both');
  }
  for (const origin of origins.filter((o) => o !== '*')) {
    try {
      if (new URL(origin).origin !== origin) throw new Error('not an origin');
    } catch {
      read.problems.push(`CORS_ORIGINS entries must be origins like https://app.example.com (got "${origin}")`);
    }
  }
  return origins;
}

function readMetricsToken(read: EnvReader): string | null {
  const token = read.optionalString('METRICS_TOKEN');
  if (token !== null && token.length < 16) read.problems.push('METRICS_TOKEN must be at least 16 characters long');
  return token;
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
