import { Logger } from '@nestjs/common';
import pg from 'pg';

/** What a `PostgresListener` reports. */
export interface ListenerEvents {
  /** The connection listens (first time or again): every notification sent from now on arrives. */
  listening(): void;
  /** The connection is gone: notifications may be missed until `listening()` is called again. */
  lost(): void;
  notified(payload: string): void;
}

const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 2_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * LISTEN on one channel over a connection of its own (never from the pool: a pooled connection
 * forgets its LISTEN when it goes back). It reconnects with backoff after any failure, and asks the
 * server a trivial query every few seconds so a connection that died silently is noticed; the server
 * sends the notifications still pending before that answer.
 */
export class PostgresListener {
  private readonly logger = new Logger(PostgresListener.name);
  private readonly dropped = new WeakSet<pg.Client>();
  private current: pg.Client | null = null;
  private heartbeat: NodeJS.Timeout | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly events: ListenerEvents,
    /** How the connection shows in `pg_stat_activity` (one name per listener, so each can be told apart). */
    private readonly applicationName = 'mra-listener',
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnect);
    if (this.current !== null) await this.drop(this.current, null);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.url,
      keepAlive: true,
      application_name: this.applicationName,
    });
    client.on('error', (error: Error) => void this.drop(client, error));
    client.on('end', () => void this.drop(client, new Error('the connection ended')));
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.events.notified(message.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`);
    } catch (error) {
      await this.drop(client, error as Error);
      return;
    }
    if (this.stopped || this.dropped.has(client)) return void (await this.drop(client, null));
    if (this.failures > 0) this.logger.log(`Listening on ${this.channel} again`);
    this.failures = 0;
    this.current = client;
    this.heartbeat = setInterval(() => void this.check(client), HEARTBEAT_MS);
    this.heartbeat.unref();
    this.events.listening();
  }

  private async check(client: pg.Client): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no answer')), HEARTBEAT_TIMEOUT_MS);
    });
    try {
      await Promise.race([client.query('SELECT 1'), timeout]);
    } catch (error) {
      await this.drop(client, error as Error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Forgets a failed (or stopped) connection once, and tries again unless stopping. */
  private async drop(client: pg.Client, error: Error | null): Promise<void> {
    if (this.dropped.has(client)) return;
    this.dropped.add(client);
    const wasListening = this.current === client;
    if (wasListening) {
      this.current = null;
      clearInterval(this.heartbeat);
      this.events.lost();
    }
    await client.end().catch(() => undefined);
    if (this.stopped) return;
    // One warning per outage, not one per attempt.
    if (wasListening || this.failures === 0) {
      this.logger.warn(`Not listening on ${this.channel} (${error?.message ?? 'stopped'}); trying again`);
    }
    const delay = Math.min(100 * 2 ** this.failures, MAX_RECONNECT_DELAY_MS);
    this.failures += 1;
    this.reconnect = setTimeout(() => void this.connect(), delay);
    this.reconnect.unref();
  }
}
