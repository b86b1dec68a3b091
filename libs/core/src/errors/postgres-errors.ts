/** SQLSTATE codes the repositories translate into domain errors. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';
/** Text PostgreSQL cannot store, such as a NUL byte in a string: the client's input, never our bug. */
const PG_UNSTORABLE_TEXT = ['22021', '22P05'];

interface DriverError {
  code?: string;
  constraint?: string;
}

function driverError(error: unknown): DriverError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const wrapped = error as DriverError & { driverError?: DriverError };
  const candidate = wrapped.driverError ?? wrapped;
  return typeof candidate.code === 'string' ? candidate : undefined;
}

/** True when `error` is a PostgreSQL unique violation, optionally of the named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = driverError(error);
  return pg?.code === PG_UNIQUE_VIOLATION && (constraint === undefined || pg.constraint === constraint);
}

export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  const pg = driverError(error);
  return pg?.code === PG_FOREIGN_KEY_VIOLATION && (constraint === undefined || pg.constraint === constraint);
}

/** True when PostgreSQL refused a client's string it cannot store (a NUL byte, an untranslatable character). */
export function isUnstorableText(error: unknown): boolean {
  return PG_UNSTORABLE_TEXT.includes(driverError(error)?.code ?? '');
}
