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
