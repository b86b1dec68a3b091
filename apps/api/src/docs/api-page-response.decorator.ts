import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

const pageLink = (description: string) => ({
  type: 'string',
  format: 'uri',
  nullable: true,
  description,
  example: 'http://localhost:3000/api/movies/?page=2',
});

/**
 * A list route's 200 answer: the paginated envelope `{count, next, previous, results: [model]}` that
 * the PageEnvelopeInterceptor builds from a returned `Page`, and the 404 for a page past the end.
 * Use it on every handler that returns a `Page`: `@ApiPageResponse(MovieResponseDto)`.
 */
export const ApiPageResponse = (model: Type<unknown>, description = 'One page of the list.') =>
  applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['count', 'next', 'previous', 'results'],
        properties: {
          count: { type: 'integer', minimum: 0, description: 'Items in the whole list, on all pages.' },
          next: pageLink('Absolute URL of the next page; null on the last page.'),
          previous: pageLink('Absolute URL of the previous page; null on the first page.'),
          results: { type: 'array', items: { $ref: getSchemaPath(model) } },
        },
      },
    }),
    ApiNotFoundResponse({ description: 'Invalid page: the page is past the end of the list.' }),
  );
