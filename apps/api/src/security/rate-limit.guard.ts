import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TokenService } from '@app/auth';
import { AppConfig, type Caller, normalizeIp, RateLimitedError } from '@app/core';
import { BatchedCounters, CounterStore } from '@app/security';
import { bearerTokenOf } from '../auth/bearer-token.js';
import { rememberTokenUser } from '../http/request-user.js';
import { PASSWORD_ROUTES, PasswordAttempts, rememberPasswordAttempt } from './password-attempts.js';
import { type RateLimitClient, type RateLimitRule, rateLimitRules } from './rate-limits.js';

interface Quota {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/**
 * Global guard: counts the request against every limit that applies to it (rate-limits.ts) in the
 * shared counters (Redis, or memory on the embedded default). Answers carry `RateLimit-Limit`,
 * `RateLimit-Remaining` and `RateLimit-Reset` of the tightest limit; a request over a limit is 429
 * with `Retry-After`. Registered after the access guard, so a refused token is a 401 first.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly rules: RateLimitRule[];
  private readonly windowMs: number;
  private readonly loginPerIp: number;

  constructor(
    private readonly counters: CounterStore,
    private readonly batchedCounters: BatchedCounters,
    private readonly tokens: TokenService,
    private readonly passwordAttempts: PasswordAttempts,
    config: AppConfig,
  ) {
    this.rules = rateLimitRules(config.rateLimits);
    this.windowMs = config.rateLimits.windowMs;
    this.loginPerIp = config.rateLimits.loginPerIp;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Caller }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const client = this.clientOf(request);
    let tightest: Quota | null = null;
    for (const rule of this.rules) {
      const counter = rule.counterOf(client);
      if (counter === null) continue;
      const key = `rate:${rule.name}:${this.windowMs}:${counter}`;
      const { count, resetInMs } = rule.everyRequest
        ? await this.batchedCounters.increment(key, this.windowMs, rule.limit)
        : await this.counters.increment(key, this.windowMs);
      const quota = {
        limit: rule.limit,
        remaining: Math.max(0, rule.limit - count),
        resetSeconds: Math.max(1, Math.ceil(resetInMs / 1000)),
      };
      if (tightest === null || quota.remaining < tightest.remaining) tightest = quota;
      if (count > rule.limit) {
        setQuotaHeaders(reply, quota);
        void reply.header('Retry-After', quota.resetSeconds);
        throw new RateLimitedError(quota.resetSeconds);
      }
    }
    const account = passwordAccountOf(client, request);
    if (account !== undefined) {
      try {
        const { attempt, quota } = await this.passwordAttempts.begin(client.ip, account);
        rememberPasswordAttempt(request, attempt);
        if (tightest === null || quota.remaining < tightest.remaining) tightest = quota;
      } catch (error) {
        if (error instanceof RateLimitedError) {
          void reply.header('Retry-After', error.retryAfterSeconds);
          setQuotaHeaders(reply, { limit: this.loginPerIp, remaining: 0, resetSeconds: error.retryAfterSeconds });
        }
        throw error;
      }
    }
    if (tightest !== null) setQuotaHeaders(reply, tightest);
    return true;
  }

  private clientOf(request: FastifyRequest & { user?: Caller }): RateLimitClient {
    const template = (request.routeOptions.url ?? request.url.split('?')[0]).replace(/(.)\/$/, '$1');
    const body = request.body as { email?: unknown } | null | undefined;
    let userId = request.user?.userId ?? null;
    if (userId === null) {
      userId = this.userIdOfToken(request.headers.authorization);
      if (userId !== null) rememberTokenUser(request, userId);
    }
    return {
      ip: normalizeIp(request.ip),
      userId,
      route: `${request.method} ${template}`,
      email: typeof body?.email === 'string' ? body.email.trim().toLowerCase().slice(0, 254) : null,
    };
  }

  /** Public routes skip the access guard; a valid token there still counts against its user. */
  private userIdOfToken(header: string | undefined): string | null {
    const token = bearerTokenOf(header);
    return token === null ? null : (this.tokens.verify(token, 'access')?.sub ?? null);
  }
}

/**
 * The account whose password the request checks (PASSWORD_ROUTES): the login's email (null when the
 * body has none), or the caller's own id on a profile change with `current_password`; undefined when
 * the request checks no password.
 */
function passwordAccountOf(client: RateLimitClient, request: FastifyRequest): string | null | undefined {
  const kind = PASSWORD_ROUTES[client.route];
  if (kind === 'email') return client.email === null ? null : `email:${client.email}`;
  const body = request.body as { current_password?: unknown } | null | undefined;
  if (kind === 'self' && client.userId !== null && typeof body?.current_password === 'string') {
    return `user:${client.userId}`;
  }
  return undefined;
}

function setQuotaHeaders(reply: FastifyReply, quota: Quota): void {
  void reply.header('RateLimit-Limit', quota.limit);
  void reply.header('RateLimit-Remaining', quota.remaining);
  void reply.header('RateLimit-Reset', quota.resetSeconds);
}
