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

/** SQLSTATE classes and codes that mean "the server is not there right now", not "the query is wrong". */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '57014']);
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /^Query read timeout/,
  /not queryable/,
  /Connection is not established/,
];

/**
 * True when `error` (raw from node-postgres or wrapped by TypeORM) says the database cannot be
 * reached or stopped answering: the request should fail fast with 503, not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const candidate = error as DriverError & { driverError?: unknown; errors?: unknown; message?: unknown };
  if (candidate.driverError !== undefined && isDatabaseUnavailable(candidate.driverError)) return true;
  if (Array.isArray(candidate.errors) && candidate.errors.some((inner) => isDatabaseUnavailable(inner))) return true;
  const code = candidate.code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) return true;
  if (typeof code === 'string' && UNAVAILABLE_SOCKET_CODES.has(code)) return true;
  return (
    typeof candidate.message === 'string' &&
    UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(candidate.message as string))
  );
}
