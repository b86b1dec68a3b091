import { NestFactory } from '@nestjs/core';
import { type FastifyError, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  AppConfig,
  AppConfigModule,
  createRootLogger,
  type LogLevel,
  MetricsRegistry,
  PinoNestLogger,
} from '@app/core';
import { AbuseDetector, BlocklistCache } from '@app/security';
import { ApiModule } from './api.module.js';
import { setUpDocs } from './docs/set-up-docs.js';
import { answerClientError } from './http/client-errors.js';
import { answerConditionalGets } from './http/conditional-get.js';
import { closeConnectionsWhenDraining } from './http/graceful-close.js';
import { parseJsonBodiesWithDepthLimit } from './http/json-body-parser.js';
import { ProblemDetailsFilter, sendProblem } from './http/problem-details.filter.js';
import { requestIdOf } from './http/request-id.js';
import { createValidationPipe } from './http/request-validation.error.js';
import { lazyRequestLoggers } from './observability/request-loggers.js';
import { serveMetrics } from './observability/metrics.route.js';
import { observeRequests } from './observability/request-log.hook.js';
import { refuseBlockedClients } from './security/blocklist.hook.js';
import { applySecurityHeaders } from './security/security-headers.js';

export const API_PREFIX = 'api';

const routerProblems = new ProblemDetailsFilter();

export interface CreateApiAppOptions {
  /** Overrides LOG_LEVEL (the tests pass `error`). */
  logLevel?: LogLevel;
  /** Where the log lines go instead of stdout (tests read them). */
  logDestination?: DestinationStream;
}

/** The configured application, shared by `main.ts` and the end-to-end tests. */
export async function createApiApp(options: CreateApiAppOptions = {}): Promise<NestFastifyApplication> {
  const config = await readConfig();
  const logger = createRootLogger(config.observability, options.logLevel, options.logDestination);
  const adapter = new FastifyAdapter({
    routerOptions: { ignoreTrailingSlash: true },
    bodyLimit: config.http.bodyLimitBytes,
    // Only these peers may speak for a client through X-Forwarded-For; everyone else is its own address.
    trustProxy: config.http.trustProxy.length > 0 ? config.http.trustProxy : false,
    // Socket-level: a client must send its request within this time. Handler-level: 503 after it.
    requestTimeout: config.http.requestTimeoutMs,
    handlerTimeout: config.http.requestTimeoutMs > 0 ? config.http.requestTimeoutMs : undefined,
    loggerInstance: logger,
    // observeRequests() writes the one line per request; Fastify's own request lines are off.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: requestIdOf,
    // The router's own refusals (a malformed URL) are answered before Nest and its filter see them.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      sendProblem(reply, routerProblems.toProblem(error, request)),
    childLoggerFactory: lazyRequestLoggers(logger),
    // What Node's parser refuses before there is a request (an over-long URL: 431) is problem+json too.
    clientErrorHandler: answerClientError,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.withDatabase(), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  parseJsonBodiesWithDepthLimit(app, config.http.bodyLimitBytes);
  const fastify = app.getHttpAdapter().getInstance();
  // Hooks run in the order they are added: request id, then the blocklist, before anything else.
  observeRequests(fastify, logger, app.get(MetricsRegistry), app.get(AbuseDetector));
  refuseBlockedClients(fastify, app.get(BlocklistCache));
  closeConnectionsWhenDraining(fastify);
  answerConditionalGets(fastify);
  applySecurityHeaders(app, config.http);
  serveMetrics(fastify, app.get(MetricsRegistry), config.observability.metricsToken);

  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(createValidationPipe());
  await setUpDocs(app);
  await app.init();
  await fastify.ready();
  return app;
}

/**
 * The HTTP server's own options (proxies, body limit, timeouts, logger) are fixed when it is built,
 * so the validated configuration is read once before the application (same `.env` and environment).
 */
async function readConfig(): Promise<AppConfig> {
  // abortOnError: false lets the configuration error reach main(), which prints it (Nest's default
  // exits at once, and with the logger off it said nothing).
  const context = await NestFactory.createApplicationContext(AppConfigModule.forRoot({ requireJwtSecret: true }), {
    logger: false,
    abortOnError: false,
  });
  try {
    return context.get(AppConfig);
  } finally {
    await context.close();
  }
}
