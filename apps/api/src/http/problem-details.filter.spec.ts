import { jest } from '@jest/globals';
import { HttpException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DatabaseUnavailableError, RateLimitedError } from '@app/core';
import { ProblemDetailsFilter } from './problem-details.filter.js';

const request = { method: 'GET', url: '/api/movies/' } as FastifyRequest;
const UNAVAILABLE = {
  type: 'about:blank',
  title: 'Service Unavailable',
  status: 503,
  detail: 'The service is temporarily unavailable; please retry shortly.',
  code: 'DATABASE_UNAVAILABLE',
};

describe('ProblemDetailsFilter', () => {
  const filter = new ProblemDetailsFilter();

  it('maps a refused database connection to 503, not 500', () => {
    const error = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(filter.toProblem(error, request)).toEqual(UNAVAILABLE);
  });

  it('maps a connection dropped mid-query (as TypeORM wraps it) to 503', () => {
    const error = Object.assign(new Error('Connection terminated'), {
      driverError: new Error('Connection terminated unexpectedly'),
    });
    expect(filter.toProblem(error, request)).toEqual(UNAVAILABLE);
  });

  it('maps the domain errors of outages and limits', () => {
    expect(filter.toProblem(new DatabaseUnavailableError(), request)).toEqual(UNAVAILABLE);
    expect(filter.toProblem(new RateLimitedError(7), request)).toEqual({
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Request was throttled. Expected available in 7 seconds.',
      code: 'RATE_LIMITED',
    });
  });

  it("uses its own words for Fastify's wrapped body errors", () => {
    const cause = Object.assign(new Error('Unexpected token } in JSON at position 9'), {
      code: 'FST_ERR_CTP_INVALID_JSON_BODY',
      statusCode: 400,
    });
    expect(filter.toProblem(new HttpException(cause.message, 400, { cause }), request)).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      detail: 'JSON parse error: the request body is not valid JSON.',
      code: 'INVALID_JSON',
      errors: { non_field_errors: ['JSON parse error: the request body is not valid JSON.'] },
    });
  });

  it('keeps other errors a 500 without internals', () => {
    jest.spyOn(filter['logger'], 'error').mockImplementation(() => undefined);
    expect(filter.toProblem(new TypeError('x is undefined'), request)).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'A server error occurred.',
    });
  });
});
