import { Command, CommandRunner, Option } from 'nest-commander';
import { BlocklistService } from '@app/security';

interface ListOptions {
  all?: boolean;
}

@Command({ name: 'list-blocked-ips', description: 'Show the blocked networks, newest first (manual and automatic)' })
export class ListBlockedIpsCommand extends CommandRunner {
  constructor(private readonly blocklist: BlocklistService) {
    super();
  }

  async run(_params: string[], options: ListOptions): Promise<void> {
    const blocks = options.all ? await this.blocklist.listAll() : await this.blocklist.listActive();
    if (blocks.length === 0) {
      console.log('No blocked IPs.');
      return;
    }
    console.table(
      blocks.map((block) => ({
        cidr: block.cidr,
        source: block.source,
        until: block.blockedUntil?.toISOString() ?? 'no end',
        reason: block.reason,
        created: block.createdAt.toISOString(),
      })),
    );
  }

  @Option({ flags: '--all', description: 'include expired blocks' })
  parseAll(): boolean {
    return true;
  }
}
