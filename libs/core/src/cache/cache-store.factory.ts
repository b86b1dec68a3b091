import KeyvRedis, { createKeyv, type RedisClientType } from '@keyv/redis';
import { type DeserializedData, Keyv } from 'keyv';
import type { AppConfig } from '../config/app-config.js';
import { closeRedisClient } from './close-redis-client.js';

const CONNECT_TIMEOUT_MS = 1_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * The Keyv store behind @nestjs/cache-manager: Redis when REDIS_URL is set, otherwise memory
 * (the embedded default). The store reports failures (it throws) and never queues commands while
 * Redis is away, so `ResilientCache` can give up at once and answer from the database; the client
 * keeps reconnecting in the background and the cache comes back by itself.
 */
export function createCacheStore(config: AppConfig): Keyv {
  const keyv = connect(config);
  keyv.serialize = serializeTextAsIs;
  keyv.deserialize = deserializeTextAsIs;
  return keyv;
}

function connect(config: AppConfig): Keyv {
  const namespace = config.redis.keyPrefix;
  if (config.redis.url === null) return new Keyv({ namespace });
  const keyv = createKeyv(
    {
      url: config.redis.url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        reconnectStrategy: (attempts: number) => Math.min(2 ** attempts * 100, MAX_RECONNECT_DELAY_MS),
      },
    },
    { namespace, throwOnConnectError: true, throwOnErrors: true, connectionTimeout: CONNECT_TIMEOUT_MS },
  );
  keyv.on('error', () => undefined);
  // Nest's cache module and ResilientCache close the store: never while a connection is under way.
  keyv.disconnect = () => closeRedisClient((keyv.store as KeyvRedis<unknown>).client as RedisClientType);
  return keyv;
}

export function isRedisStore(store: Keyv): boolean {
  return store.store instanceof KeyvRedis;
}

/**
 * Keyv's own format wraps every value in JSON, so a cached answer (the JSON text of a page of movies)
 * would be escaped once more when written and unescaped on every read, which cost as much as the rest
 * of a cache hit. A text value is stored as it is, after a header line with its expiry; any other
 * value as Keyv's JSON envelope `{"value":...,"expires":...}` (which starts with `{`, so the two
 * never mix up).
 */
const TEXT_HEADER = 'text:';

export function serializeTextAsIs<Value>(data: DeserializedData<Value>): string {
  if (typeof data.value !== 'string') return JSON.stringify(data);
  return `${TEXT_HEADER}${data.expires ?? ''}\n${data.value}`;
}

export function deserializeTextAsIs<Value>(stored: string): DeserializedData<Value> | undefined {
  if (!stored.startsWith(TEXT_HEADER)) return JSON.parse(stored) as DeserializedData<Value>;
  const headerEnd = stored.indexOf('\n');
  if (headerEnd === -1) return undefined;
  const expires = stored.slice(TEXT_HEADER.length, headerEnd);
  return { value: stored.slice(headerEnd + 1) as Value, expires: expires === '' ? undefined : Number(expires) };
}
