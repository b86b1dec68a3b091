/** What `closeRedisClient` needs of a node-redis client. */
export interface ClosableRedisClient {
  readonly isOpen: boolean;
  readonly isReady: boolean;
  once(event: 'ready' | 'error', listener: () => void): unknown;
  removeListener(event: 'ready' | 'error', listener: () => void): unknown;
  close(): Promise<unknown>;
}

/**
 * Longest wait for a connection under way: one connect timeout after the longest pause between
 * attempts (both are set where the clients are created), with room to spare.
 */
const CONNECTION_SETTLE_TIMEOUT_MS = 5_000;

/**
 * Closes a node-redis client, waiting for pending commands. node-redis (5.12) loses track of a
 * socket that is still connecting when the client is closed: the socket connects afterwards, stays
 * open and keeps the process alive. So a connection under way is first let succeed or fail (a failed
 * attempt leaves nothing open; the next one is not started once the client is closed).
 */
export async function closeRedisClient(client: ClosableRedisClient): Promise<void> {
  if (!client.isOpen) return;
  if (!client.isReady) await connectionSettled(client);
  if (client.isOpen) await client.close().catch(() => undefined);
}

function connectionSettled(client: ClosableRedisClient): Promise<void> {
  return new Promise((resolve) => {
    const settle = () => {
      clearTimeout(timer);
      client.removeListener('ready', settle);
      client.removeListener('error', settle);
      resolve();
    };
    const timer = setTimeout(settle, CONNECTION_SETTLE_TIMEOUT_MS);
    client.once('ready', settle);
    client.once('error', settle);
  });
}
