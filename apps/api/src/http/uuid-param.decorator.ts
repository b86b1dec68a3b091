import { Param, ParseUUIDPipe } from '@nestjs/common';
import { NotFoundError } from '@app/core';

/** A UUID path parameter; anything else cannot name a resource, so it is a 404 (not a 400 or 500). */
export const UuidParam = (name: string) =>
  Param(name, new ParseUUIDPipe({ exceptionFactory: () => new NotFoundError() }));
