import { ConfigError } from './config-error.js';
import { loadAppConfig } from './load-app-config.js';

const production = { DATABASE_URL: 'postgres://u:p@db:5432/movies', JWT_SECRET: 'x'.repeat(32) };

describe('loadAppConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadAppConfig(production);
    expect(config.port).toBe(3000);
    expect(config.cacheTtlMs).toEqual({ lists: 900_000, genres: 3_600_000, recommendations: 600_000 });
    expect(config.popularity).toEqual({ rating: 0.7, watch: 0.3 });
    expect(config.recommendations).toEqual({ size: 20, strategy: 'auto' });
    expect(config.auth.accessTokenTtlSeconds).toBe(3600);
    expect(config.auth.refreshTokenTtlSeconds).toBe(604_800);
    expect(config.auth.stateCacheMs).toBe(10_000);
    expect(config.database.runMigrations).toBe(true);
    expect(config.seedDemoData).toBe(false);
  });

  it('requires JWT_SECRET when a database is configured, naming the variable', () => {
    expect(() => loadAppConfig({ DATABASE_URL: production.DATABASE_URL })).toThrow(/JWT_SECRET is required/);
  });

  it('reports every bad variable at once', () => {
    try {
      loadAppConfig({
        ...production,
        PORT: 'abc',
        REDIS_URL: 'http://x',
        JWT_SECRET: 'short',
        RECOMMENDATIONS_SIZE: '0',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'REDIS_URL', 'JWT_SECRET', 'RECOMMENDATIONS_SIZE']) expect(problems).toContain(name);
    }
  });

  it('reads RECOMMENDER_STRATEGY and refuses a strategy that does not exist', () => {
    expect(loadAppConfig({ ...production, RECOMMENDER_STRATEGY: 'genre' }).recommendations.strategy).toBe('genre');
    expect(() => loadAppConfig({ ...production, RECOMMENDER_STRATEGY: 'random' })).toThrow(
      /RECOMMENDER_STRATEGY must be one of auto, genre, neighbors, popular/,
    );
  });

  it('lets the CLI run without a JWT secret', () => {
    expect(loadAppConfig({ DATABASE_URL: production.DATABASE_URL }, { requireJwtSecret: false }).database.url).toBe(
      production.DATABASE_URL,
    );
  });

  it('reads the create-admin password from ADMIN_PASSWORD, null when unset', () => {
    expect(loadAppConfig(production).adminPassword).toBeNull();
    expect(loadAppConfig({ ...production, ADMIN_PASSWORD: 's3cret-pass' }).adminPassword).toBe('s3cret-pass');
  });
});

describe('loadAppConfig: log format', () => {
  const logFormat = (env: Record<string, string>) =>
    loadAppConfig(env, { requireJwtSecret: false }).observability.logFormat;

  it('writes readable lines on the embedded developer start (no DATABASE_URL), JSON lines otherwise', () => {
    expect(logFormat({})).toBe('pretty');
    expect(logFormat(production)).toBe('json');
    expect(logFormat({ NODE_ENV: 'production' })).toBe('json');
  });

  it('follows LOG_FORMAT when it is set', () => {
    expect(logFormat({ LOG_FORMAT: 'json' })).toBe('json');
    expect(logFormat({ ...production, LOG_FORMAT: 'pretty' })).toBe('pretty');
  });
});

describe('loadAppConfig: production hardening', () => {
  it('applies the documented defaults', () => {
    const config = loadAppConfig(production);
    expect(config.http).toEqual({
      trustProxy: [],
      corsOrigins: [],
      bodyLimitBytes: 1_048_576,
      requestTimeoutMs: 15_000,
    });
    expect(config.rateLimits).toEqual({
      windowMs: 60_000,
      anonymousPerIp: 300,
      perUser: 600,
      loginPerIp: 5,
      loginPerEmail: 5,
      signupPerIp: 10,
    });
    expect(config.blocklist).toEqual({
      refreshMs: 5_000,
      autoBlock: { windowMs: 600_000, failedLogins: 20, clientErrors: 200, durationMs: 3_600_000 },
    });
    expect(config.observability).toEqual({ logLevel: 'info', logFormat: 'json', metricsToken: null });
    expect(config.database.connectTimeoutMs).toBe(2_000);
    expect(config.database.statementTimeoutMs).toBe(10_000);
  });

  it('reads lists of proxies and origins', () => {
    const config = loadAppConfig({
      ...production,
      TRUST_PROXY: '10.0.0.1, 192.168.0.0/16',
      CORS_ORIGINS: 'https://app.example.com,https://admin.example.com',
    });
    expect(config.http.trustProxy).toEqual(['10.0.0.1', '192.168.0.0/16']);
    expect(config.http.corsOrigins).toEqual(['https://app.example.com', 'https://admin.example.com']);
  });

  it('refuses a wildcard mixed with origins, bad origins and proxies, a short metrics token', () => {
    try {
      loadAppConfig({
        ...production,
        TRUST_PROXY: 'proxy.local',
        CORS_ORIGINS: '*,https://app.example.com/path',
        METRICS_TOKEN: 'short',
        LOG_LEVEL: 'loud',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'TRUST_PROXY entries must be IPs or CIDRs (got "proxy.local")',
        'CORS_ORIGINS is either * alone or a list of origins, not both',
        'CORS_ORIGINS entries must be origins like https://app.example.com (got "https://app.example.com/path")',
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
        'METRICS_TOKEN must be at least 16 characters long',
      ]);
    }
  });
});

describe('loadAppConfig: background jobs', () => {
  const jobs = (env: Record<string, string>) => loadAppConfig({ ...production, ...env }).jobs;

  it('schedules training nightly and the drift check after it, with no worker port by default', () => {
    expect(jobs({}).schedules).toEqual({ trainRecommender: '0 3 * * *', aggregateDriftCheck: '0 4 * * *' });
    expect(jobs({}).worker.port).toBeNull();
  });

  it('takes cron patterns with seconds, and off', () => {
    expect(jobs({ JOBS_DRIFT_CHECK_CRON: '*/5 * * * * *' }).schedules).toEqual({
      trainRecommender: '0 3 * * *',
      aggregateDriftCheck: '*/5 * * * * *',
    });
    expect(jobs({ JOBS_TRAIN_RECOMMENDER_CRON: 'off' }).schedules).toEqual({
      trainRecommender: null,
      aggregateDriftCheck: '0 4 * * *',
    });
  });

  it('refuses a pattern that is not cron, naming the variable', () => {
    expect(() => jobs({ JOBS_DRIFT_CHECK_CRON: 'every night' })).toThrow(
      /JOBS_DRIFT_CHECK_CRON must be a cron pattern/,
    );
    expect(() => jobs({ WORKER_LOCK_MS: '10' })).toThrow(/WORKER_LOCK_MS/);
  });
});
