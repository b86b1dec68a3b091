export const USERNAME_MIN_LENGTH = 3;
export const USERNAME_MAX_LENGTH = 150;

/** Letters, digits and `@ . + - _` (Django's username rule, Unicode letters included). */
export const USERNAME_PATTERN = /^[\p{L}\p{N}@.+\-_]+$/u;
export const USERNAME_PATTERN_MESSAGE =
  'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.';

/**
 * A valid username made from an email address: the part before `@`, with every character the
 * username rule refuses replaced by `_`, padded with `_` to the minimum length and cut to the maximum.
 */
export function usernameFromEmail(email: string): string {
  const localPart = email.slice(0, Math.max(email.lastIndexOf('@'), 0)) || email;
  const characters = [...localPart].map((character) => (USERNAME_PATTERN.test(character) ? character : '_'));
  while (characters.length < USERNAME_MIN_LENGTH) characters.push('_');
  return characters.slice(0, USERNAME_MAX_LENGTH).join('');
}
