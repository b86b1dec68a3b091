import { ConfigError } from './config-error.js';
import { loadAppConfig } from './load-app-config.js';

const production = { DATABASE_URL: 'postgres://u:p@db:5432/movies', JWT_SECRET: 'x'.repeat(32) };

describe('loadAppConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadAppConfig(production);
    expect(config.port).toBe(3000);
    expect(config.cacheTtlMs).toEqual({ lists: 900_000, genres: 3_600_000, recommendations: 600_000 });
    expect(config.popularity).toEqual({ rating: 0.7, watch: 0.3 });
    expect(config.recommendations.size).toBe(20);
    expect(config.auth.accessTokenTtlSeconds).toBe(3600);
    expect(config.auth.refreshTokenTtlSeconds).toBe(604_800);
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
