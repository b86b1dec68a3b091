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
  abstract readonly recommendations: { size: number };
  abstract readonly seedDemoData: boolean;
}

export interface DatabaseConfig {
  /** Connection string; null means "start the embedded PostgreSQL". */
  url: string | null;
  runMigrations: boolean;
  poolSize: number;
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
