import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import {
  type Caller,
  DatabaseUnavailableError,
  ForbiddenError,
  isDatabaseUnavailable,
  UnauthorizedError,
} from '@app/core';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy.js';

const NO_CREDENTIALS = 'Authentication credentials were not provided.';
const BAD_TOKEN = 'Given token not valid for any token type.';

/** Global guard: every route needs a valid access token unless it is marked @Public(). */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (policy?.public) return true;
    await super.canActivate(context);
    const caller = context.switchToHttp().getRequest<{ user: Caller }>().user;
    if (policy?.admin && !caller.isAdmin) throw new ForbiddenError();
    return true;
  }

  override handleRequest<TUser = Caller>(
    error: unknown,
    caller: TUser | false,
    info: unknown,
    context: ExecutionContext,
  ): TUser {
    // The token could not be checked because the database is down: 503, not "bad token".
    if (isDatabaseUnavailable(error)) throw new DatabaseUnavailableError();
    if (error || !caller) {
      const hasHeader = Boolean(
        context.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers.authorization,
      );
      const reason = info instanceof Error && info.name === 'TokenExpiredError' ? 'TOKEN_EXPIRED' : 'NOT_AUTHENTICATED';
      throw new UnauthorizedError(hasHeader ? reason : 'NOT_AUTHENTICATED', hasHeader ? BAD_TOKEN : NO_CREDENTIALS);
    }
    return caller;
  }
}
