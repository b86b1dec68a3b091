import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, ipInRange, type IpRange, normalizeIp, parseIpRange } from '@app/core';
import { BlocklistService } from './blocklist.service.js';

interface ActiveBlock {
  range: IpRange;
  /** Epoch milliseconds; null = no end. */
  until: number | null;
}

/**
 * The blocks in force, held in memory by each API process and reloaded from PostgreSQL every
 * `BLOCKLIST_REFRESH_MS`, so checking a request costs no database query. Single addresses are a
 * hash lookup; networks are scanned (there are few). While the database is down the last list stays.
 */
@Injectable()
export class BlocklistCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BlocklistCache.name);
  private hosts = new Map<string, ActiveBlock>();
  private networks: ActiveBlock[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly blocklist: BlocklistService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.config.blocklist.refreshMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  isBlocked(ip: string): boolean {
    const now = Date.now();
    const active = (block: ActiveBlock | undefined) =>
      block !== undefined && (block.until === null || block.until > now);
    if (active(this.hosts.get(normalizeIp(ip)))) return true;
    return this.networks.some((block) => active(block) && ipInRange(ip, block.range));
  }

  async refresh(): Promise<void> {
    try {
      const rows = await this.blocklist.listActive();
      const hosts = new Map<string, ActiveBlock>();
      const networks: ActiveBlock[] = [];
      for (const row of rows) {
        const range = parseIpRange(row.cidr);
        if (range === null) continue;
        const block = { range, until: row.blockedUntil?.getTime() ?? null };
        const isHost = range.prefix === (range.address.kind() === 'ipv4' ? 32 : 128);
        if (isHost) hosts.set(range.address.toString(), block);
        else networks.push(block);
      }
      this.hosts = hosts;
      this.networks = networks;
    } catch (error) {
      this.logger.warn(`Could not reload the IP blocklist, keeping the last one: ${(error as Error).message}`);
    }
  }
}
