import { Command, CommandRunner, Option } from 'nest-commander';
import { BlocklistService } from '@app/security';

interface BlockIpOptions {
  reason?: string;
  until?: Date;
}

@Command({
  name: 'block-ip',
  arguments: '<target>',
  description: 'Refuse every request from an IP address or CIDR network (403), for good or until a date',
})
export class BlockIpCommand extends CommandRunner {
  constructor(private readonly blocklist: BlocklistService) {
    super();
  }

  async run([target]: string[], options: BlockIpOptions): Promise<void> {
    const block = await this.blocklist.block({ target, reason: options.reason, until: options.until ?? null });
    const until = block.blockedUntil === null ? 'with no end' : `until ${block.blockedUntil.toISOString()}`;
    console.log(`Blocked ${block.cidr} ${until}. Running API processes apply it within their refresh interval.`);
  }

  @Option({ flags: '--reason <text>', description: 'why (shown by list-blocked-ips)' })
  parseReason(value: string): string {
    return value;
  }

  @Option({ flags: '--until <iso-date>', description: 'end of the block, e.g. 2026-12-31T00:00:00Z' })
  parseUntil(value: string): Date {
    return new Date(value);
  }
}
