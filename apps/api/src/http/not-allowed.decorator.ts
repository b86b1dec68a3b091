import { applyDecorators } from '@nestjs/common';
import { ApiMethodNotAllowedResponse, ApiParam } from '@nestjs/swagger';
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
