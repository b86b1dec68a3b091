/** A machine-readable error code (`MOVIE_NOT_FOUND`); upper case, so a message cannot be passed in its place. */
export type ErrorCode = Uppercase<string>;

/**
 * Errors the domain throws. Libs never import HTTP exceptions: the API's exception filter maps
 * each subclass to a status and renders it as problem+json with `code` as an extension member.
 * Every constructor takes the code before the message.
 */
export abstract class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The resource does not exist, or the caller may not know that it does. */
export class NotFoundError extends DomainError {
  constructor(code: ErrorCode = 'NOT_FOUND', message = 'Not found.') {
    super(code, message);
  }
}

/** A uniqueness or state rule refuses the write (duplicate rating, unwatch while rated...). */
export class ConflictError extends DomainError {}

/** The caller is known but may not do this. */
export class ForbiddenError extends DomainError {
  constructor(code: ErrorCode = 'FORBIDDEN', message = 'You do not have permission to perform this action.') {
    super(code, message);
  }
}

/** Credentials or a token were refused. */
export class UnauthorizedError extends DomainError {}

export type FieldErrors = Record<string, string[]>;

/** Input that passed the DTO checks but breaks a domain rule, reported per field. */
export class InvalidInputError extends DomainError {
  constructor(
    readonly errors: FieldErrors,
    code: ErrorCode = 'VALIDATION_FAILED',
    message = 'The request contains invalid fields.',
  ) {
    super(code, message);
  }
}

/** The route exists but not with this method (the original's read-only endpoints). */
export class MethodNotAllowedError extends DomainError {
  constructor(message: string) {
    super('METHOD_NOT_ALLOWED', message);
  }
}

/** The database does not answer (restarting, unreachable, pool exhausted): retry shortly. */
export class DatabaseUnavailableError extends DomainError {
  constructor(message = 'The service is temporarily unavailable; please retry shortly.') {
    super('DATABASE_UNAVAILABLE', message);
  }
}

/** The client sent more requests than its limit allows in the current window. */
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `Request was throttled. Expected available in ${retryAfterSeconds} seconds.`);
  }
}
