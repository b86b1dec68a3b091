import { Command, CommandRunner } from 'nest-commander';
import { BlocklistService } from '@app/security';

@Command({
  name: 'unblock-ip',
  arguments: '<target>',
  description: 'Remove the block of an IP address or CIDR network (exactly as listed)',
})
export class UnblockIpCommand extends CommandRunner {
  constructor(private readonly blocklist: BlocklistService) {
    super();
  }

  async run([target]: string[]): Promise<void> {
    const cidr = await this.blocklist.unblock(target);
    console.log(`Unblocked ${cidr}. Running API processes apply it within their refresh interval.`);
  }
}
