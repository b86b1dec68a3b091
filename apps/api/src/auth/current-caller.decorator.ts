import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from '@app/core';

/** The authenticated caller that the access guard put on the request. */
export const CurrentCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): Caller => context.switchToHttp().getRequest<{ user: Caller }>().user,
);
