import 'reflect-metadata';
import { CommandFactory } from 'nest-commander';
import { DatabaseLocation } from '@app/core';
import { CliModule, COMMANDS_WITHOUT_DATABASE, commandNames } from './cli.module.js';
import { asksForHelp, namesACommand } from './help-request.js';
import { StderrLogger } from './stderr-logger.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // Help, arguments commander refuses (an unknown command or option) and the queue's own commands
  // are answered without a database.
  const withoutDatabase =
    asksForHelp(args) || !namesACommand(args, commandNames()) || COMMANDS_WITHOUT_DATABASE.includes(args[0]);
  const app = await CommandFactory.createWithoutRunning(CliModule.forRoot({ database: !withoutDatabase }), {
    logger: new StderrLogger({ logLevels: ['warn', 'error', 'fatal'] }),
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
    if (!withoutDatabase) await app.get(DatabaseLocation).stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
