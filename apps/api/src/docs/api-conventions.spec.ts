import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  type OpenAPIObject,
} from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { PageQueryDto } from '@app/core';
import { Authenticated, Public } from '../auth/access-policy.js';
import { UuidParam } from '../http/uuid-param.decorator.js';
import { ApiPageResponse } from './api-page-response.decorator.js';
import { createOpenApiDocument } from './set-up-docs.js';
// The plugin metadata imports every DTO file at once; Jest's ESM loader fails such concurrent
// dynamic imports ("request for '@nestjs/common' is not in cache") unless the modules are already
// loaded, so the whole API module graph is imported statically here.
import '../api.module.js';

enum SampleOrdering {
  Name = 'name',
  Newest = '-created_at',
}

class ListSamplesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: SampleOrdering, enumName: 'SampleOrdering' })
  ordering?: SampleOrdering;
}

class SampleResponseDto {
  @ApiProperty({ format: 'uuid' })
  sample_id: string;
}

class CreateSampleDto {
  @ApiProperty()
  name: string;
}

@Controller('samples')
class SampleItemsController {
  @Get()
  @Public()
  @ApiPageResponse(SampleResponseDto)
  listSamples(@Query() _query: ListSamplesQueryDto): void {}

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: SampleResponseDto })
  getSample(@UuidParam('id') _id: string): void {}

  @Post()
  @Authenticated({ admin: true })
  @ApiCreatedResponse({ type: SampleResponseDto })
  @ApiConflictResponse({ description: 'A sample with this name exists.' })
  createSample(@Body() _body: CreateSampleDto): void {}

  @Delete(':id')
  @HttpCode(204)
  deleteSample(@UuidParam('id') _id: string): void {}
}

const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } };

describe('the OpenAPI conventions', () => {
  let document: OpenAPIObject;

  beforeAll(async () => {
    const module = await Test.createTestingModule({ controllers: [SampleItemsController] }).compile();
    const app = module.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    app.setGlobalPrefix('api');
    document = await createOpenApiDocument(app);
    await app.close();
  });

  const operation = (path: string, method: 'get' | 'post' | 'delete') => document.paths[path][method]!;

  it('names operations after their handlers', () => {
    expect(operation('/api/samples/', 'get').operationId).toBe('listSamples');
    expect(operation('/api/samples/{id}/', 'get').operationId).toBe('getSample');
    expect(operation('/api/samples/', 'post').operationId).toBe('createSample');
    expect(operation('/api/samples/{id}/', 'delete').operationId).toBe('deleteSample');
  });

  it('documents a public list: the page envelope, the enumerated ordering, 400 and 404, no token', () => {
    const list = operation('/api/samples/', 'get');
    expect(list.security).toEqual([]);
    expect(Object.keys(list.responses)).toEqual(['200', '400', '404']);
    expect(list.responses['200']).toMatchObject({
      content: {
        'application/json': {
          schema: {
            type: 'object',
            required: ['count', 'next', 'previous', 'results'],
            properties: {
              count: { type: 'integer', minimum: 0 },
              next: { type: 'string', format: 'uri', nullable: true },
              previous: { type: 'string', format: 'uri', nullable: true },
              results: { type: 'array', items: { $ref: '#/components/schemas/SampleResponseDto' } },
            },
          },
        },
      },
    });
    expect(list.responses['400']).toMatchObject({ content: problem });
    expect(list.responses['404']).toMatchObject({
      description: expect.stringMatching(/^Invalid page/),
      content: problem,
    });
    expect(list.parameters).toContainEqual({
      name: 'page_size',
      in: 'query',
      required: false,
      description: 'Items per page, at most 100.',
      schema: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
    });
    expect(list.parameters).toContainEqual(
      expect.objectContaining({
        name: 'ordering',
        in: 'query',
        schema: { $ref: '#/components/schemas/SampleOrdering' },
      }),
    );
    expect(document.components!.schemas!.SampleOrdering).toEqual({ type: 'string', enum: ['name', '-created_at'] });
  });

  it('documents a private route with a path parameter: token, 401 with WWW-Authenticate, 404', () => {
    const get = operation('/api/samples/{id}/', 'get');
    expect(get.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(get.responses)).toEqual(['200', '401', '404']);
    expect(get.responses['401']).toMatchObject({
      headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
      content: problem,
    });
    expect(get.responses['404']).toMatchObject({ content: problem });
    expect(get.parameters).toEqual([
      { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
    ]);
  });

  it('documents an admin write: 201, 400, 401, 403 and the declared 409, all errors as problem+json', () => {
    const create = operation('/api/samples/', 'post');
    expect(Object.keys(create.responses)).toEqual(['201', '400', '401', '403', '409']);
    for (const status of ['400', '401', '403', '409'])
      expect(create.responses[status]).toMatchObject({ content: problem });
  });

  it('treats a route with no access decorator as private, as the AccessGuard does', () => {
    const remove = operation('/api/samples/{id}/', 'delete');
    expect(remove.security).toBeUndefined();
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(remove.responses)).toEqual(['204', '401', '404']);
  });

  it('names paths in the trailing-slash form the API links to, and tags in words', () => {
    expect(Object.keys(document.paths)).toEqual(['/api/samples/', '/api/samples/{id}/']);
    expect(operation('/api/samples/', 'get').tags).toEqual(['Sample items']);
  });

  it('puts paths and schemas in a stable order', () => {
    expect(Object.keys(document.paths)).toEqual([...Object.keys(document.paths)].sort());
    const schemas = Object.keys(document.components!.schemas!);
    expect(schemas).toEqual([...schemas].sort());
    expect(schemas).toContain('ProblemDetails');
  });
});
