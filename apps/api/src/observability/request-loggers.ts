import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, LogFn, Logger } from 'pino';

type LogMethod = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Fastify gives every request a child logger bound to its request id. pino serialises (and redacts)
 * the bindings when the child is made, which cost a noticeable share of a cached answer; this child is
 * made on the request's first line that passes the level instead. With `LOG_LEVEL=warn` a successful
 * request writes none; the lines that are written are the same.
 */
class LazyRequestLogger {
  private made: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Bindings,
  ) {}

  get level(): string {
    return (this.made ?? this.parent).level;
  }

  set level(level: string) {
    this.logger.level = level;
  }

  fatal(...args: Parameters<LogFn>): void {
    this.write('fatal', args);
  }

  error(...args: Parameters<LogFn>): void {
    this.write('error', args);
  }

  warn(...args: Parameters<LogFn>): void {
    this.write('warn', args);
  }

  info(...args: Parameters<LogFn>): void {
    this.write('info', args);
  }

  debug(...args: Parameters<LogFn>): void {
    this.write('debug', args);
  }

  trace(...args: Parameters<LogFn>): void {
    this.write('trace', args);
  }

  silent(): void {}

  isLevelEnabled(level: string): boolean {
    return (this.made ?? this.parent).isLevelEnabled(level);
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): Logger {
    return this.logger.child(bindings, options);
  }

  private get logger(): Logger {
    this.made ??= this.parent.child(this.bindings);
    return this.made;
  }

  private write(method: LogMethod, args: Parameters<LogFn>): void {
    if (this.isLevelEnabled(method)) this.logger[method](...args);
  }
}

/**
 * Fastify's `childLoggerFactory` for the `root` logger it was given: a lazily made child, unless the
 * route sets its own level or serialisers.
 */
export function lazyRequestLoggers(root: Logger) {
  return (_root: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger =>
    Object.keys(options).length > 0 ? root.child(bindings, options) : new LazyRequestLogger(root, bindings);
}
