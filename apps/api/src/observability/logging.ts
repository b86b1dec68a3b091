import type { LoggerService } from '@nestjs/common';
import type { FastifyBaseLogger } from 'fastify';
import { type Bindings, type ChildLoggerOptions, type DestinationStream, type LogFn, type Logger, pino } from 'pino';
import type { LogLevel, ObservabilityConfig } from '@app/core';

/**
 * Paths pino replaces with "[redacted]" wherever a log line carries request data: credentials in
 * headers and any password or token field in a body, at the top level or nested a few levels deep.
 */
const SECRET_FIELDS = ['password', 'current_password', 'new_password', 'refresh', 'access', 'token'];
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`, `*.*.*.${field}`]),
];

/** The one pino logger of the process: Fastify logs requests through it, Nest's Logger through `PinoNestLogger`. */
export function createRootLogger(
  config: ObservabilityConfig,
  level: LogLevel = config.logLevel,
  destination?: DestinationStream,
): Logger {
  const options = {
    level,
    base: { service: 'movie-recommendation-api' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return pino(options, destination ?? (config.logFormat === 'pretty' ? prettyDestination() : pino.destination(1)));
}

/** `LOG_FORMAT=pretty`: one readable line per entry for a developer's terminal (no extra package). */
function prettyDestination(): DestinationStream {
  const names: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
  return {
    write(line: string) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      const { time, level, msg, context, ...rest } = entry;
      delete rest.service;
      const extra = Object.entries(rest)
        .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
        .join(' ');
      const where = typeof context === 'string' ? ` [${context}]` : '';
      process.stdout.write(
        `${String(time)} ${names[level as number] ?? String(level)}${where} ${typeof msg === 'string' ? msg : ''} ${extra}\n`,
      );
    },
  };
}

/** Nest's `Logger` calls, written as JSON lines by the same pino instance (`context` = the class name). */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    // Nest passes (message, stack?, context?).
    const [stack, context] = params.length >= 2 ? params : [undefined, params[0]];
    this.logger.error({ context, ...(typeof stack === 'string' ? { stack } : {}) }, stringify(message));
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: 'info' | 'warn' | 'debug' | 'trace' | 'fatal', message: unknown, params: unknown[]): void {
    const last = params.at(-1);
    const context = typeof last === 'string' ? last : undefined;
    // An object is logged as structured `data` (so the redaction paths apply), not as a string.
    if (isPlainObject(message)) this.logger[level]({ context, data: message }, 'data');
    else this.logger[level]({ context }, stringify(message));
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !('message' in value);
}

function stringify(message: unknown): string {
  if (typeof message === 'string') return message;
  const text = (message as { message?: unknown } | null)?.message;
  return typeof text === 'string' ? text : JSON.stringify(message);
}

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
