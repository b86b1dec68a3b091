import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { isFailedPasswordAttempt, PasswordAttempts, takePasswordAttempt } from './password-attempts.js';

/**
 * Ends the password attempt the rate-limit guard counted, once its outcome is known (validation and
 * the handler run inside `next.handle()`): a wrong password stays counted, anything else is taken back.
 * Done before the answer leaves, so the client's next attempt sees the count.
 */
@Injectable()
export class PasswordAttemptsInterceptor implements NestInterceptor {
  constructor(private readonly attempts: PasswordAttempts) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const attempt = takePasswordAttempt(context.switchToHttp().getRequest<FastifyRequest>());
    if (attempt === undefined) return next.handle();
    return next.handle().pipe(
      mergeMap(async (value: unknown) => {
        await this.attempts.end(attempt, false);
        return value;
      }),
      catchError((error: unknown) =>
        from(this.attempts.end(attempt, isFailedPasswordAttempt(error))).pipe(mergeMap(() => throwError(() => error))),
      ),
    );
  }
}
