import confusables from 'unicode-confusables';

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

export const MIXED_SCRIPT_MESSAGE =
  'Enter a username whose letters are all from one script (such as Latin or Cyrillic).';
export const CONFUSABLE_MESSAGE = 'Enter a username that does not imitate letters of another script.';

/** Compatibility forms folded (full-width `ａ` is `a`, `ﬁ` is `fi`), as every new username is stored. */
export const normaliseUsername = (username: string) => username.normalize('NFKC');

const LATIN_LETTER = /\p{Script=Latin}/u;
const NON_LATIN_LETTER = /(?!\p{Script=Latin})\p{L}/u;
const GREEK_LETTER = /\p{Script=Greek}/u;
const CYRILLIC_LETTER = /\p{Script=Cyrillic}/u;
const ASCII_NAME = /^[A-Za-z0-9@.+\-_]+$/;

/**
 * Why a new (NFKC-normalised) username could pass for another one, or null (UTS #39's ideas, with
 * Unicode's own data): letters of Latin mixed with any other script, or of Greek with Cyrillic (`аdmin`
 * with a Cyrillic `а`), and a name in another script made only of look-alikes of Latin letters (a
 * Cyrillic `ѕсоре`: its confusables skeleton is plain ASCII). Names wholly in one script that do not
 * imitate Latin (`Дмитрий`, `Ελένη`, `Łukasz`, `田中`) pass.
 */
export function usernameSpoofingProblem(username: string): string | null {
  const hasLatin = LATIN_LETTER.test(username);
  if (hasLatin && NON_LATIN_LETTER.test(username)) return MIXED_SCRIPT_MESSAGE;
  if (GREEK_LETTER.test(username) && CYRILLIC_LETTER.test(username)) return MIXED_SCRIPT_MESSAGE;
  if (!hasLatin && !ASCII_NAME.test(username) && ASCII_NAME.test(confusables.rectifyConfusion(username))) {
    return CONFUSABLE_MESSAGE;
  }
  return null;
}
