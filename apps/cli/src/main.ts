import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { DatabaseLocation } from '@app/core';
import { CliModule } from './cli.module.js';
import { asksForHelp } from './help-request.js';

async function main(): Promise<void> {
  const helpOnly = asksForHelp(process.argv.slice(2));
  const app = await CommandFactory.createWithoutRunning(CliModule.forRoot({ database: !helpOnly }), {
    logger: ['warn', 'error', 'fatal'],
    // commander has written its message already: the help asked for, or what is wrong with the arguments.
    errorHandler: (error: Error & { exitCode?: number }) => {
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
    if (!helpOnly) await app.get(DatabaseLocation).stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
