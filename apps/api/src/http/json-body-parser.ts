import type { RawServerDefault } from 'fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InvalidInputError } from '@app/core';

/** No body of this API nests more than two levels; 32 leaves room and keeps every walk over it shallow. */
export const MAX_JSON_DEPTH = 32;

export const TOO_DEEP_MESSAGE = `The request body is nested too deeply (more than ${MAX_JSON_DEPTH} levels).`;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether the JSON text opens more than `limit` arrays or objects inside one another, counted in one
 * pass over the bytes (brackets inside strings are text). UTF-8 continuation bytes never equal these
 * ASCII bytes, so the raw buffer can be scanned as it came. Malformed text is left to the parser.
 */
export function nestsDeeperThan(body: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/**
 * Parses `application/json` bodies with Fastify's own parser (prototype-poisoning checks included),
 * after refusing nesting beyond MAX_JSON_DEPTH: class-transformer and class-validator walk a body
 * recursively, so a deep one overflowed the stack (500) and a 1 MB one held the event loop for most
 * of a second. Fastify and secure-json-parse have no depth option (ADR 0016).
 */
export function parseJsonBodiesWithDepthLimit(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit }, (request, body: Buffer, done) => {
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(
        new InvalidInputError({ non_field_errors: [TOO_DEEP_MESSAGE] }, 'INVALID_JSON', TOO_DEEP_MESSAGE),
        undefined,
      );
      return;
    }
    // Fastify's default JSON parser completes through `done` and returns nothing.
    void parseJson(request, body.toString('utf8'), done);
  });
}
