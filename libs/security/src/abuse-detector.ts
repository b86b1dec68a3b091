import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, normalizeIp } from '@app/core';
import { BlocklistCache } from './blocklist-cache.js';
import { BlocklistService } from './blocklist.service.js';
import { CounterStore } from './counter-store.js';

export interface AnswerToClient {
  ip: string;
  status: number;
  /** A 401 to `POST /api/token/`. */
  failedLogin: boolean;
}

/**
 * Automatic blocking: counts each client's failed logins and 4xx answers in expiring windows and,
 * when a count reaches its threshold, adds a timed `automatic` block to the blocklist. The counters
 * live in the `CounterStore` (Redis or memory with expiry); the database is written once per block.
 */
@Injectable()
export class AbuseDetector {
  private readonly logger = new Logger(AbuseDetector.name);

  constructor(
    private readonly counters: CounterStore,
    private readonly blocklist: BlocklistService,
    private readonly cache: BlocklistCache,
    private readonly config: AppConfig,
  ) {}

  async record(answer: AnswerToClient): Promise<void> {
    const { windowMs, failedLogins, clientErrors } = this.config.blocklist.autoBlock;
    const ip = normalizeIp(answer.ip);
    if (answer.failedLogin && failedLogins > 0) {
      const { count } = await this.counters.increment(`abuse:login:${ip}`, windowMs);
      if (count === failedLogins) return this.block(ip, `${count} failed logins within ${windowMs / 1000} s`);
    }
    if (answer.status >= 400 && answer.status < 500 && clientErrors > 0) {
      const { count } = await this.counters.increment(`abuse:4xx:${ip}`, windowMs);
      if (count === clientErrors) return this.block(ip, `${count} client errors (4xx) within ${windowMs / 1000} s`);
    }
  }

  private async block(ip: string, reason: string): Promise<void> {
    const until = new Date(Date.now() + this.config.blocklist.autoBlock.durationMs);
    try {
      await this.blocklist.block({ target: ip, reason, until, source: 'automatic' });
      await this.cache.refresh();
      this.logger.warn(`Blocked ${ip} until ${until.toISOString()}: ${reason}`);
    } catch (error) {
      this.logger.error(`Could not block ${ip} (${reason}): ${(error as Error).message}`);
    }
  }
}
