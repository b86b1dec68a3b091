import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ConflictError,
  DatabaseUnavailableError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  isUnstorableText,
  isDatabaseUnavailable,
  MethodNotAllowedError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
} from '@app/core';

/** RFC 9457 problem details; `code` and `errors` are extension members. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: Record<string, string[]>;
}

const STATUS_BY_ERROR: [abstract new (...args: never[]) => DomainError, HttpStatus][] = [
  [InvalidInputError, HttpStatus.BAD_REQUEST],
  [UnauthorizedError, HttpStatus.UNAUTHORIZED],
  [ForbiddenError, HttpStatus.FORBIDDEN],
  [NotFoundError, HttpStatus.NOT_FOUND],
  [MethodNotAllowedError, HttpStatus.METHOD_NOT_ALLOWED],
  [ConflictError, HttpStatus.CONFLICT],
  [RateLimitedError, HttpStatus.TOO_MANY_REQUESTS],
  [DatabaseUnavailableError, HttpStatus.SERVICE_UNAVAILABLE],
];

/** Seconds a client should wait before retrying while the database is unavailable. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Fastify's own errors (body parsing, limits, the handler timeout), known by their numeric
 * `statusCode`. Nest's adapter wraps the 4xx ones in an HttpException whose cause is the original,
 * and passes the others (the timeout's 503) as they are.
 */
interface FrameworkError {
  statusCode: number;
  code?: string;
  message?: string;
}

const TIMEOUT_PROBLEM: ProblemDetails = {
  ...problem(HttpStatus.SERVICE_UNAVAILABLE, 'The request took too long; please retry.'),
  code: 'TIMEOUT',
};

/**
 * Turns any error into problem+json, in one order: domain errors by their class; Fastify's errors
 * (wrapped or not) by their code; Nest's own 4xx exceptions (an unknown route); the database's
 * refusals and outages; anything else is a logged 500. Nothing internal (stack, SQL) reaches the client.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    sendProblem(reply, this.toProblem(exception, request));
  }

  toProblem(exception: unknown, request: FastifyRequest): ProblemDetails {
    if (exception instanceof DomainError) return domainProblem(exception);
    const framework = frameworkErrorOf(exception);
    if (framework?.code === 'FST_ERR_HANDLER_TIMEOUT') {
      this.logger.warn(`Request timed out: ${request.method} ${request.url}`);
      return TIMEOUT_PROBLEM;
    }
    if (framework && isClientError(framework.statusCode)) return frameworkProblem(framework);
    if (exception instanceof HttpException && isClientError(exception.getStatus())) {
      return problem(exception.getStatus(), httpExceptionDetail(exception));
    }
    if (isUnstorableText(exception)) {
      return problem(
        HttpStatus.BAD_REQUEST,
        'The request contains characters that cannot be stored (such as a NUL byte).',
      );
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`Database unavailable on ${request.method} ${request.url}: ${(exception as Error).message}`);
      return domainProblem(new DatabaseUnavailableError());
    }
    this.logger.error(
      `Unhandled error on ${request.method} ${request.url}`,
      exception instanceof Error ? exception.stack : String(exception),
    );
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, 'A server error occurred.');
  }
}

export function sendProblem(reply: FastifyReply, problem: ProblemDetails): void {
  if (problem.status === 401) void reply.header('WWW-Authenticate', 'Bearer');
  if (problem.status === 503) void reply.header('Retry-After', UNAVAILABLE_RETRY_AFTER_SECONDS);
  void reply.status(problem.status).header('Content-Type', 'application/problem+json').send(problem);
}

export function problem(status: number, detail: string): ProblemDetails {
  return { type: 'about:blank', title: TITLES[status] ?? 'Error', status, detail };
}

function httpExceptionDetail(exception: HttpException): string {
  if (exception.getStatus() === 404) return 'Not found.';
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  return Array.isArray(message) ? message.join(' ') : typeof message === 'string' ? message : exception.message;
}

function domainProblem(error: DomainError): ProblemDetails {
  const status = STATUS_BY_ERROR.find(([type]) => error instanceof type)?.[1] ?? HttpStatus.INTERNAL_SERVER_ERROR;
  const errors = error instanceof InvalidInputError ? { errors: error.errors } : {};
  return { ...problem(status, error.message), code: error.code, ...errors };
}

const isClientError = (status: number) => status >= 400 && status < 500;

function frameworkErrorOf(exception: unknown): FrameworkError | undefined {
  const candidate: unknown = exception instanceof HttpException ? exception.cause : exception;
  const isFrameworkError =
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof (candidate as Partial<FrameworkError>).statusCode === 'number';
  return isFrameworkError ? (candidate as FrameworkError) : undefined;
}

/** A body that is not JSON is bad input like any other: 400 with the reason in `errors` too. */
function frameworkProblem(error: FrameworkError): ProblemDetails {
  const detail = frameworkDetail(error);
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return { ...problem(error.statusCode, detail), code: 'INVALID_JSON', errors: { non_field_errors: [detail] } };
  }
  return problem(error.statusCode, detail);
}

function frameworkDetail(error: FrameworkError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'JSON parse error: the request body is not valid JSON.';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported media type: send application/json.';
    case 'FST_ERR_BAD_URL':
      return 'The URL is not valid (a malformed percent-encoding).';
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return 'A path parameter of the URL is too long.';
    default:
      return error.message && !/\n\s+at /.test(error.message) ? error.message : 'Bad request.';
  }
}
