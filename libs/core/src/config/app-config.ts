/**
 * The application's configuration, read once from the environment and validated at boot.
 * Nothing outside this folder reads `process.env`.
 */
export abstract class AppConfig {
  abstract readonly nodeEnv: 'development' | 'production' | 'test';
  abstract readonly port: number;
  abstract readonly host: string;
  abstract readonly publicBaseUrl: string | null;
  abstract readonly database: DatabaseConfig;
  abstract readonly redis: RedisConfig;
  abstract readonly auth: AuthConfig;
  abstract readonly cacheTtlMs: CacheTtlConfig;
  abstract readonly popularity: PopularityWeights;
  abstract readonly recommendations: RecommendationsConfig;
  abstract readonly seedDemoData: boolean;
  /** `ADMIN_PASSWORD`: the `create-admin` command's password when `--password` is not given. */
  abstract readonly adminPassword: string | null;
  abstract readonly seed: SeedConfig;
  abstract readonly http: HttpConfig;
  abstract readonly rateLimits: RateLimitConfig;
  abstract readonly blocklist: BlocklistConfig;
  abstract readonly observability: ObservabilityConfig;
  abstract readonly jobs: JobsConfig;
}

/** How `GET /api/movies/recommended/` chooses movies (SPEC.md section 9). */
export const RECOMMENDATION_STRATEGIES = ['auto', 'genre', 'neighbors', 'popular'] as const;
export type RecommendationStrategy = (typeof RECOMMENDATION_STRATEGIES)[number];

export interface RecommendationsConfig {
  /** N, the length of a user's list. */
  size: number;
  /** `RECOMMENDER_STRATEGY`: the strategy of a request without `?strategy=`. */
  strategy: RecommendationStrategy;
}

export interface DatabaseConfig {
  /** Connection string; null means "start the embedded PostgreSQL". */
  url: string | null;
  runMigrations: boolean;
  poolSize: number;
  /** How long a request waits for a pool connection before failing with 503. */
  connectTimeoutMs: number;
  /** Server-side `statement_timeout` of the API's connections (0 = none; the CLI never sets one). */
  statementTimeoutMs: number;
  /**
   * Where `LISTEN` connects (`DATABASE_LISTEN_URL`); null means `url`. Behind a transaction-pooling
   * PgBouncer it must reach PostgreSQL directly (or a session pool): a pooled LISTEN hears nothing.
   */
  listenUrl: string | null;
  /**
   * Hot statements run as named prepared statements (`DATABASE_NAMED_STATEMENTS`, default true). False
   * for a pooler that does not keep them per client, such as PgBouncer before 1.21 in transaction mode.
   */
  namedStatements: boolean;
  /** When set, every query is appended to this file (bench only). */
  queryLogFile: string | null;
  embedded: { dataDir: string; port: number };
}

export interface RedisConfig {
  /** Null means the in-memory cache (the embedded default). */
  url: string | null;
  keyPrefix: string;
}

export interface AuthConfig {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  /** How long each API process may keep a user's token version and admin flag in memory (0 = never). */
  stateCacheMs: number;
}

export interface CacheTtlConfig {
  lists: number;
  genres: number;
  recommendations: number;
}

export interface PopularityWeights {
  rating: number;
  watch: number;
}

export interface SeedConfig {
  /** The demo admin's email (`SEED_ADMIN_EMAIL`). */
  adminEmail: string;
  /** The demo admin's password (`SEED_ADMIN_PASSWORD`); null: generate one and print it once. */
  adminPassword: string | null;
}

export interface HttpConfig {
  /** Proxies (IPs or CIDRs) whose `X-Forwarded-For` is believed; empty = use the peer address. */
  trustProxy: string[];
  /** Origins allowed by CORS; `['*']` = any origin (never with credentials); empty = CORS off. */
  corsOrigins: string[];
  bodyLimitBytes: number;
  /** A request not answered within this time gets 503 (0 = no limit). */
  requestTimeoutMs: number;
}

/** Requests allowed per window and per client, by kind of caller or route. */
export interface RateLimitConfig {
  windowMs: number;
  anonymousPerIp: number;
  perUser: number;
  loginPerIp: number;
  loginPerEmail: number;
  signupPerIp: number;
}

export interface BlocklistConfig {
  /** How often each process reloads the blocklist from PostgreSQL. */
  refreshMs: number;
  autoBlock: {
    windowMs: number;
    /** 401 answers to `POST /api/token/` from one IP within the window that trigger a block (0 = never). */
    failedLogins: number;
    /** 4xx answers to one IP within the window that trigger a block (0 = never). */
    clientErrors: number;
    durationMs: number;
  };
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface ObservabilityConfig {
  logLevel: LogLevel;
  logFormat: 'json' | 'pretty';
  /** Bearer token that `GET /metrics` requires; null = the endpoint is off. */
  metricsToken: string | null;
}

/** Background jobs (BullMQ on REDIS_URL) and the worker process that runs them. */
export interface JobsConfig {
  /** Cron patterns, evaluated in UTC; null = not scheduled (enqueue it from the CLI). */
  schedules: { trainRecommender: string | null; aggregateDriftCheck: string | null };
  /** Tries per job, and the first pause between tries (doubling after each). */
  attempts: number;
  backoffMs: number;
  /** Finished jobs kept for `jobs list`, per outcome (completed, failed). */
  historyLimit: number;
  worker: {
    /** A job's lock lasts this long and is renewed while the job runs; a dead worker's job is taken back after it. */
    lockMs: number;
    /** How often a worker looks for jobs whose lock expired (stalled) and puts them back in the queue. */
    stalledCheckMs: number;
    /** Times a job may stall before it counts as failed. */
    maxStalledCount: number;
    /** On SIGTERM, how long a running job may take to finish before it is handed back to the queue. */
    shutdownGraceMs: number;
    /** Port of the worker's `/health` and `/metrics` (on HOST); null = none. */
    port: number | null;
  };
}
