import type { LoggerService } from '@nestjs/common';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel, ObservabilityConfig } from '../config/app-config.js';

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

/**
 * The one pino logger of a process (the API's Fastify logs requests through it, Nest's Logger through
 * `PinoNestLogger`); `service` names the process in every line.
 */
export function createRootLogger(
  config: ObservabilityConfig,
  level: LogLevel = config.logLevel,
  destination?: DestinationStream,
  service = 'movie-recommendation-api',
): Logger {
  const options = {
    level,
    base: { service },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return pino(options, destination ?? (config.logFormat === 'pretty' ? prettyDestination() : bufferedStdout()));
}

/**
 * Standard output, written in blocks of about 4 KB (and at least every 250 ms, and on exit) instead of
 * a write per line: at a line per request the writes were the largest cost of a cached answer. A
 * process killed with SIGKILL can lose the last block's lines, never a line in part.
 */
function bufferedStdout(): DestinationStream {
  return pino.destination({ dest: 1, minLength: 4096, periodicFlush: 250 });
}

/**
 * The logger of the one line per request: the same output without the redaction, whose wildcard
 * paths cost about 8 µs a line. Only for lines whose fields the caller builds itself from values that
 * are never secret (method, route, status, ids, timings), never a header or a body.
 */
export function unredactedLogger(root: Logger): Logger {
  return root.child({}, { redact: { paths: [] } });
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
