import { createClient } from '@redis/client';

export const CEILING_REDIS = Symbol('CEILING_REDIS');
export interface CeilingRedis {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<unknown>;
}

export async function connectCeilingRedis(url: string): Promise<CeilingRedis> {
  const client = createClient({ url });
  await client.connect();
  return client;
}
