import { applyDecorators, Delete, Patch, Post, Put } from '@nestjs/common';
import { ApiMethodNotAllowedResponse, ApiOperation, ApiParam } from '@nestjs/swagger';
import { MethodNotAllowedError } from '@app/core';
import { Public } from '../auth/access-policy.js';

/**
 * A route that exists only to answer 405 to anyone, with `detail` saying where to go instead. It is
 * documented as such (405 is its only answer), so clients see it and e2e responses are checked.
 * `idParam` documents the `{id}` of an item path (it is not parsed: any id gets the 405).
 */
export const NotAllowed = (detail: string, options: { idParam?: boolean } = {}) =>
  applyDecorators(
    Public(),
    ApiMethodNotAllowedResponse({ description: `Always: ${detail}` }),
    ...(options.idParam ? [ApiParam({ name: 'id', type: String, format: 'uuid' })] : []),
  );

/** The write methods a read-only resource refuses: route decorator, operationId verb, summary wording. */
const WRITES = [
  { route: Post, verb: 'create', doing: 'creating' },
  { route: Put, verb: 'replace', doing: 'replacing' },
  { route: Patch, verb: 'update', doing: 'changing' },
  { route: Delete, verb: 'delete', doing: 'deleting' },
] as const;

/** A path of a read-only resource: `noun` names its operations (`createWatchHistoryNotAllowed`). */
export interface ReadOnlyPath {
  path: string;
  noun: string;
  /** What the summary says is refused: `watch history`, `a watch history entry`. */
  described: string;
}

/**
 * Class decorator for a read-only resource: every write method (POST, PUT, PATCH, DELETE) on each path
 * answers 405 with `detail`, through one handler, each documented as its own operation
 * (`<verb><noun>NotAllowed`, 405 only) with `instead` as the way to go in its summary.
 */
export function ReadOnly(detail: string, instead: string, paths: ReadOnlyPath[]): ClassDecorator {
  const refuse = (): never => {
    throw new MethodNotAllowedError(detail);
  };
  return (target) => {
    for (const { path, noun, described } of paths) {
      for (const { route, verb, doing } of WRITES) {
        const name = `${verb}${noun}NotAllowed`;
        // Each operation needs its own function: Nest and swagger keep their metadata on it.
        const handler = { [name]: () => refuse() }[name];
        const descriptor = { value: handler, writable: true, configurable: true, enumerable: false };
        Object.defineProperty(target.prototype, name, descriptor);
        applyDecorators(
          route(path),
          NotAllowed(detail, { idParam: path.includes(':id') }),
          ApiOperation({ summary: `Not allowed (405 to anyone): ${doing} ${described}; ${instead}` }),
        )(target.prototype as object, name, descriptor);
      }
    }
  };
}
