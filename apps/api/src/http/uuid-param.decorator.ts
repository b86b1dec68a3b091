import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { NotFoundError } from '@app/core';

/**
 * A UUID path parameter; anything else cannot name a resource, so it is a 404 (not a 400 or 500).
 * It documents itself as `format: uuid`.
 */
export const UuidParam =
  (name: string): ParameterDecorator =>
  (target, key, index) => {
    Param(name, new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError() }))(target, key, index);
    const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (key !== undefined && descriptor) ApiParam({ name, type: String, format: 'uuid' })(target, key, descriptor);
  };
