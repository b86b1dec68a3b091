import { createClient } from '@keyv/redis';
import { closeRedisClient } from '@app/core';

const itWithRedis = process.env.REDIS_URL ? it : it.skip;
if (!process.env.REDIS_URL)
  console.log('REDIS_URL is not set: the tests that close a connected Redis client are skipped.');

describe('closeRedisClient', () => {
  const newClient = () => {
    const client = createClient({ url: process.env.REDIS_URL });
    client.on('error', () => undefined);
    return client;
  };
  const state = (client: ReturnType<typeof newClient>) => ({ open: client.isOpen, ready: client.isReady });

  itWithRedis('closes a client that is still connecting, and its socket with it', async () => {
    const client = newClient();
    const connecting = client.connect();
    await closeRedisClient(client);
    await connecting;
    expect(state(client)).toEqual({ open: false, ready: false });
  });

  itWithRedis('closes a connected client', async () => {
    const client = newClient();
    await client.connect();
    await closeRedisClient(client);
    expect(state(client)).toEqual({ open: false, ready: false });
  });

  it('leaves a client that was never opened as it is', async () => {
    const client = newClient();
    await closeRedisClient(client);
    expect(state(client)).toEqual({ open: false, ready: false });
  });
});
