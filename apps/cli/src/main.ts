import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { DatabaseLocation } from '@app/core';
import { CliModule } from './cli.module.js';

async function main(): Promise<void> {
  const app = await CommandFactory.createWithoutRunning(CliModule, {
    logger: ['warn', 'error', 'fatal'],
    errorHandler: (error: Error & { code?: string; exitCode?: number }) => {
      // commander reports --help and --version as "errors" with exit code 0.
      if (error.exitCode === 0) return;
      console.error(`Error: ${error.message}`);
      process.exitCode = error.exitCode ?? 1;
    },
    serviceErrorHandler: (error) => {
      console.error(`Error: ${error.message}`);
      process.exitCode = 1;
    },
  });
  try {
    await CommandFactory.runApplication(app);
  } finally {
    await app.close();
    await app.get(DatabaseLocation).stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
