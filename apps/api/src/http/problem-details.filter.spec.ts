import { jest } from '@jest/globals';
import { BadRequestException, HttpException, InternalServerErrorException, NotFoundException } from '@nestjs/common';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { errorCodes, type FastifyRequest } from 'fastify';
import {
  ConflictError,
  DatabaseUnavailableError,
  ForbiddenError,
  InvalidInputError,
  MethodNotAllowedError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
} from '@app/core';
import { type ProblemDetails, ProblemDetailsFilter } from './problem-details.filter.js';

const request = { method: 'GET', url: '/api/movies/' } as FastifyRequest;
/** The expected problem: `about(404, 'Not Found', 'Not found.')`. */
const about = (status: number, title: string, detail: string) => ({ type: 'about:blank', title, status, detail });
const UNAVAILABLE = {
  ...about(503, 'Service Unavailable', 'The service is temporarily unavailable; please retry shortly.'),
  code: 'DATABASE_UNAVAILABLE',
};
const SERVER_ERROR = about(500, 'Internal Server Error', 'A server error occurred.');
const INVALID_JSON = {
  ...about(400, 'Bad Request', 'JSON parse error: the request body is not valid JSON.'),
  code: 'INVALID_JSON',
  errors: { non_field_errors: ['JSON parse error: the request body is not valid JSON.'] },
};

/** What reaches the filter when Fastify fails a request: the error as Nest's adapter hands it on. */
const adapter = new FastifyAdapter();
const fromFastify = (error: Error): unknown => adapter.mapException(error);

describe('ProblemDetailsFilter', () => {
  let filter: ProblemDetailsFilter;
  let logged: { warn: unknown[][]; error: unknown[][] };

  beforeEach(() => {
    filter = new ProblemDetailsFilter();
    logged = { warn: [], error: [] };
    jest.spyOn(filter['logger'], 'warn').mockImplementation((...args: unknown[]) => void logged.warn.push(args));
    jest.spyOn(filter['logger'], 'error').mockImplementation((...args: unknown[]) => void logged.error.push(args));
  });

  const toProblem = (exception: unknown): ProblemDetails => filter.toProblem(exception, request);

  describe('domain errors, by their class', () => {
    it.each([
      [new InvalidInputError({ rating: ['Too high.'] }), 400, 'Bad Request', 'VALIDATION_FAILED'],
      [new UnauthorizedError('BAD_CREDENTIALS', 'No.'), 401, 'Unauthorized', 'BAD_CREDENTIALS'],
      [new ForbiddenError(), 403, 'Forbidden', 'FORBIDDEN'],
      [new NotFoundError('MOVIE_NOT_FOUND', 'Movie not found.'), 404, 'Not Found', 'MOVIE_NOT_FOUND'],
      [new MethodNotAllowedError('Read only.'), 405, 'Method Not Allowed', 'METHOD_NOT_ALLOWED'],
      [new ConflictError('ALREADY_RATED', 'Rated already.'), 409, 'Conflict', 'ALREADY_RATED'],
      [new RateLimitedError(7), 429, 'Too Many Requests', 'RATE_LIMITED'],
      [new DatabaseUnavailableError(), 503, 'Service Unavailable', 'DATABASE_UNAVAILABLE'],
    ])('%s → %i', (error, status, title, code) => {
      expect(toProblem(error)).toEqual({
        ...about(status, title, error.message),
        code,
        ...(error instanceof InvalidInputError ? { errors: error.errors } : {}),
      });
    });
  });

  describe("Fastify's errors, as Nest's adapter passes them on", () => {
    it('a body that is not JSON, or empty, is a 400 with the reason in `errors`', () => {
      expect(toProblem(fromFastify(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY()))).toEqual(INVALID_JSON);
      expect(toProblem(fromFastify(new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY()))).toEqual(INVALID_JSON);
    });

    it('a body over the limit is a 413', () => {
      expect(toProblem(fromFastify(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE()))).toEqual(
        about(413, 'Content Too Large', 'The request body is too large.'),
      );
    });

    it('a body that is not JSON by its content type is a 415', () => {
      expect(toProblem(fromFastify(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE()))).toEqual(
        about(415, 'Unsupported Media Type', 'Unsupported media type: send application/json.'),
      );
    });

    it('another 4xx keeps its status and its message', () => {
      expect(toProblem(fromFastify(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH()))).toEqual(
        about(400, 'Bad Request', 'Request body size did not match Content-Length'),
      );
    });

    it("the router's refusals of a URL keep their status, in our words (no echo of the URL)", () => {
      expect(toProblem(new errorCodes.FST_ERR_BAD_URL('/api/movies/%E0%A4%A/'))).toEqual(
        about(400, 'Bad Request', 'The URL is not valid (a malformed percent-encoding).'),
      );
      expect(toProblem(new errorCodes.FST_ERR_MAX_PARAM_LENGTH(`/api/movies/${'x'.repeat(200)}/`))).toEqual(
        about(414, 'URI Too Long', 'A path parameter of the URL is too long.'),
      );
    });

    it('a stream error Fastify marked 400 (a client that went away mid-body) stays a 400, not an outage', () => {
      const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET', statusCode: 400 });
      expect(toProblem(fromFastify(aborted))).toEqual(about(400, 'Bad Request', 'aborted'));
      expect(logged.warn).toEqual([]);
    });

    it('the handler timeout is a 503 TIMEOUT, whether it arrives as it is or wrapped', () => {
      const timeout = new errorCodes.FST_ERR_HANDLER_TIMEOUT(300, '/api/health');
      const expected = {
        ...about(503, 'Service Unavailable', 'The request took too long; please retry.'),
        code: 'TIMEOUT',
      };
      expect(toProblem(fromFastify(timeout))).toEqual(expected);
      expect(toProblem(new HttpException(timeout.message, 503, { cause: timeout }))).toEqual(expected);
      expect(logged.warn).toHaveLength(2);
    });

    it('a 5xx of its own is a logged 500 that says nothing of it', () => {
      const fault = new errorCodes.FST_ERR_REP_INVALID_PAYLOAD_TYPE('object');
      expect(toProblem(fromFastify(fault))).toEqual(SERVER_ERROR);
      expect(logged.error).toHaveLength(1);
    });

    it('an FST_ code without a status is not trusted for one: the wrapping exception decides', () => {
      const cause = Object.assign(new Error('odd'), { code: 'FST_ERR_SOMETHING' });
      expect(toProblem(new HttpException('Odd request.', 400, { cause }))).toEqual(
        about(400, 'Bad Request', 'Odd request.'),
      );
      expect(toProblem(cause)).toEqual(SERVER_ERROR);
    });
  });

  describe("Nest's own exceptions", () => {
    it('an unknown route is a 404 that does not echo the path', () => {
      expect(toProblem(new NotFoundException('Cannot GET /api/<script>/'))).toEqual(
        about(404, 'Not Found', 'Not found.'),
      );
    });

    it('another 4xx keeps its message', () => {
      expect(toProblem(new BadRequestException(['first is wrong.', 'second too.']))).toEqual(
        about(400, 'Bad Request', 'first is wrong. second too.'),
      );
    });

    it('a 5xx is a logged 500 without its message', () => {
      expect(toProblem(new InternalServerErrorException('pool state: 3 idle, secret=x'))).toEqual(SERVER_ERROR);
      expect(logged.error).toHaveLength(1);
    });
  });

  describe('database errors', () => {
    it('text PostgreSQL cannot store is the client’s 400', () => {
      const nul = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
      expect(toProblem({ driverError: nul, message: nul.message })).toEqual(
        about(400, 'Bad Request', 'The request contains characters that cannot be stored (such as a NUL byte).'),
      );
    });

    it('a refused connection is a 503, not a 500', () => {
      const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      expect(toProblem(error)).toEqual(UNAVAILABLE);
    });

    it('a connection dropped mid-query (as TypeORM wraps it) is a 503', () => {
      const error = Object.assign(new Error('Connection terminated'), {
        driverError: new Error('Connection terminated unexpectedly'),
      });
      expect(toProblem(error)).toEqual(UNAVAILABLE);
    });
  });

  describe('anything else', () => {
    it.each([
      ['an Error', new TypeError("Cannot read properties of undefined (reading 'id')")],
      ['a failed query', Object.assign(new Error('relation "secret_table" does not exist'), { code: '42P01' })],
      ['a thrown string', 'SELECT * FROM users'],
      ['nothing', undefined],
    ])('%s is a logged 500 that says nothing of it', (_kind, error) => {
      const problem = toProblem(error);
      expect(problem).toEqual(SERVER_ERROR);
      expect(logged.error).toHaveLength(1);
    });
  });
});
