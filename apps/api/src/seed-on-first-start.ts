import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { SeedService } from '@app/importer';

/**
 * With SEED_DEMO_DATA (the embedded default), the first start of an empty database loads the demo
 * data of `npm run cli -- seed` and logs the generated credentials once.
 */
@Injectable()
export class SeedOnFirstStart implements OnApplicationBootstrap {
  private readonly logger = new Logger(SeedOnFirstStart.name);

  constructor(
    private readonly seeder: SeedService,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemoData) return;
    const summary = await this.seeder.seedIfEmpty().catch((error: unknown) => {
      // Demo data is a convenience: the API starts without it.
      this.logger.error(`Demo data not loaded: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    });
    if (summary === null) return;
    const adminPassword = summary.admin.generatedPassword ?? '(from SEED_ADMIN_PASSWORD)';
    this.logger.log(
      `Demo data loaded: ${summary.moviesAdded} movies. Admin ${summary.admin.email} password ${adminPassword}; ` +
        `users ${summary.users.map((user) => user.email).join(', ')} password ${summary.userPassword ?? '(given)'}` +
        ' (shown this once)',
    );
  }
}
