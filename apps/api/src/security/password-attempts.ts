import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig, InvalidInputError, RateLimitedError, UnauthorizedError } from '@app/core';
import { CounterStore } from '@app/security';
import { INCORRECT_CURRENT_PASSWORD_MESSAGE } from '@app/users';

/**
 * Routes that check a password, and whose password: `email` is the login's body email, `self` the
 * caller's own account (a profile change with `current_password`).
 */
export const PASSWORD_ROUTES: Record<string, 'email' | 'self'> = {
  'POST /api/token': 'email',
  'PUT /api/users/:id': 'self',
  'PATCH /api/users/:id': 'self',
};

/** What a request adds to the failure counters until its outcome is known. */
export interface PasswordAttempt {
  ipKey: string;
  accountKey: string | null;
}

export interface AttemptQuota {
  limit: number;
  remaining: number;
  resetSeconds: number;
}

/**
 * Failed password attempts (wrong login, wrong `current_password`), counted per address and per account
 * in fixed windows of `RATE_LIMIT_WINDOW_MS` (ADR 0016):
 * - an address with `RATE_LIMIT_LOGIN` failures is refused until its window ends;
 * - an account with `RATE_LIMIT_LOGIN_EMAIL` failures is refused to every address that has failed in
 *   the window (or has another attempt in flight), but not to a clean one: its owner can still log in.
 * Every attempt is counted as a failure before the password is checked (so a burst in parallel cannot
 * slip past the limit) and taken back once it turns out not to be one (a success, a 400, a 429).
 */
@Injectable()
export class PasswordAttempts {
  private readonly windowMs: number;
  private readonly perIp: number;
  private readonly perAccount: number;

  constructor(
    private readonly counters: CounterStore,
    config: AppConfig,
  ) {
    this.windowMs = config.rateLimits.windowMs;
    this.perIp = config.rateLimits.loginPerIp;
    this.perAccount = config.rateLimits.loginPerEmail;
  }

  /** Counts the attempt, or refuses it (429, nothing counted) when its address or account is over. */
  async begin(ip: string, account: string | null): Promise<{ attempt: PasswordAttempt; quota: AttemptQuota }> {
    const attempt: PasswordAttempt = {
      ipKey: `failed-password:${this.windowMs}:ip:${ip}`,
      accountKey: account === null ? null : `failed-password:${this.windowMs}:account:${account}`,
    };
    const byIp = await this.counters.increment(attempt.ipKey, this.windowMs);
    const byAccount =
      attempt.accountKey === null ? null : await this.counters.increment(attempt.accountKey, this.windowMs);
    const quota: AttemptQuota = {
      limit: this.perIp,
      remaining: Math.max(0, this.perIp - byIp.count),
      resetSeconds: Math.max(1, Math.ceil(byIp.resetInMs / 1000)),
    };
    const addressHasFailed = byIp.count > 1;
    const refusal =
      byIp.count > this.perIp
        ? quota.resetSeconds
        : byAccount !== null && byAccount.count > this.perAccount && addressHasFailed
          ? Math.max(1, Math.ceil(byAccount.resetInMs / 1000))
          : null;
    if (refusal !== null) {
      await this.end(attempt, false);
      throw new RateLimitedError(refusal);
    }
    return { attempt, quota };
  }

  /** Keeps a failed attempt counted, takes back any other. */
  async end(attempt: PasswordAttempt, failed: boolean): Promise<void> {
    if (failed) return;
    await this.counters.increment(attempt.ipKey, this.windowMs, -1);
    if (attempt.accountKey !== null) await this.counters.increment(attempt.accountKey, this.windowMs, -1);
  }
}

/** A wrong password: the login's 401, or a profile change's wrong `current_password`. */
export function isFailedPasswordAttempt(error: unknown): boolean {
  if (error instanceof UnauthorizedError) return error.code === 'INVALID_CREDENTIALS';
  return (
    error instanceof InvalidInputError &&
    (error.errors.current_password ?? []).includes(INCORRECT_CURRENT_PASSWORD_MESSAGE)
  );
}

const attempts = new WeakMap<FastifyRequest, PasswordAttempt>();

export const rememberPasswordAttempt = (request: FastifyRequest, attempt: PasswordAttempt) =>
  attempts.set(request, attempt);

/** The request's counted attempt, handed over once (to the interceptor that ends it). */
export function takePasswordAttempt(request: FastifyRequest): PasswordAttempt | undefined {
  const attempt = attempts.get(request);
  attempts.delete(request);
  return attempt;
}
