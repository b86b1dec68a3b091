/** Expected problem+json bodies that several e2e files assert. */

/** The 400 answer to a body or query that fails validation, with its per-field messages. */
export function invalidFields(errors: Record<string, string[]>) {
  return {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'The request contains invalid fields.',
    code: 'VALIDATION_FAILED',
    errors,
  };
}

/** The 429 answer of a rate limit, which says when to retry. */
export function throttled(retryAfterSeconds: number) {
  return {
    type: 'about:blank',
    title: 'Too Many Requests',
    status: 429,
    detail: `Request was throttled. Expected available in ${retryAfterSeconds} seconds.`,
    code: 'RATE_LIMITED',
  };
}
