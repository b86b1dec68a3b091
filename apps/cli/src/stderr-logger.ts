import { ConsoleLogger, type LogLevel } from '@nestjs/common';

/** Nest's console logger writing every level to stderr, so stdout carries only a command's output (e.g. `--json`). */
export class StderrLogger extends ConsoleLogger {
  protected override printMessages(
    messages: unknown[],
    context?: string,
    logLevel?: LogLevel,
    _writeStreamType?: 'stdout' | 'stderr',
    errorStack?: unknown,
    params?: Record<string, unknown>,
  ): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack, params);
  }
}
