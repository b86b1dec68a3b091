import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AuthStateCache, TokenService } from '@app/auth';
import {
  type Caller,
  DatabaseUnavailableError,
  ForbiddenError,
  isDatabaseUnavailable,
  UnauthorizedError,
} from '@app/core';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy.js';
import { bearerTokenOf } from './bearer-token.js';

const NO_CREDENTIALS = 'Authentication credentials were not provided.';
const BAD_TOKEN = 'Given token not valid for any token type.';

/**
 * Global guard: every route needs a valid access token unless it is marked @Public(). A token is
 * accepted only while its user exists and its token version is current, so deleting an account or
 * changing a password retires every token issued before; `is_admin` is read with the version, so a
 * demoted admin loses admin rights at once too.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly authStates: AuthStateCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (policy?.public) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Caller }>();
    const caller = await this.callerOf(request.headers.authorization);
    request.user = caller;
    if (policy?.admin && !caller.isAdmin) throw new ForbiddenError();
    return true;
  }

  private async callerOf(header: string | undefined): Promise<Caller> {
    // An empty header (some clients send one when they hold no token) is no credentials, not a bad token.
    if (header === undefined || header.trim() === '') throw new UnauthorizedError('NOT_AUTHENTICATED', NO_CREDENTIALS);
    const token = bearerTokenOf(header);
    const check = token === null ? null : this.tokens.check(token, 'access');
    if (check === null || !('claims' in check)) {
      throw new UnauthorizedError(check?.refused === 'expired' ? 'TOKEN_EXPIRED' : 'NOT_AUTHENTICATED', BAD_TOKEN);
    }
    const state = await this.authStates.find(check.claims.sub).catch((error: unknown) => {
      // The token could not be checked because the database is down: 503, not "bad token".
      throw isDatabaseUnavailable(error) ? new DatabaseUnavailableError() : error;
    });
    if (state === null || state.tokenVersion !== check.claims.ver) {
      throw new UnauthorizedError('NOT_AUTHENTICATED', BAD_TOKEN);
    }
    return { userId: state.id, isAdmin: state.isAdmin };
  }
}
