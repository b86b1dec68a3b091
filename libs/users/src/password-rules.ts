export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** What a password is compared with: the account's username and email (stored or being set). */
export interface PasswordContext {
  username?: unknown;
  email?: unknown;
}

interface PasswordRule {
  name: string;
  message: string;
  isBrokenBy(password: string, context: PasswordContext): boolean;
}

const sameIgnoringCase = (password: string, other: unknown): boolean =>
  typeof other === 'string' && other.length > 0 && password.toLowerCase() === other.toLowerCase();

/**
 * The password rules of SPEC.md section 2, shared by the HTTP DTOs and the `create-admin` command.
 * Each broken rule gives its own message; all are reported at once.
 */
export const PASSWORD_RULES: readonly PasswordRule[] = [
  {
    name: 'passwordTooShort',
    message: `This password is too short. It must contain at least ${PASSWORD_MIN_LENGTH} characters.`,
    isBrokenBy: (password) => [...password].length < PASSWORD_MIN_LENGTH,
  },
  {
    name: 'passwordTooLong',
    message: `This password is too long. It must contain at most ${PASSWORD_MAX_LENGTH} characters.`,
    isBrokenBy: (password) => [...password].length > PASSWORD_MAX_LENGTH,
  },
  {
    name: 'passwordEntirelyNumeric',
    message: 'This password is entirely numeric.',
    isBrokenBy: (password) => /^\d+$/.test(password),
  },
  {
    name: 'passwordSameAsUsername',
    message: 'The password must not be the same as the username.',
    isBrokenBy: (password, context) => sameIgnoringCase(password, context.username),
  },
  {
    name: 'passwordSameAsEmail',
    message: 'The password must not be the same as the email address.',
    isBrokenBy: (password, context) => sameIgnoringCase(password, context.email),
  },
];

/** Every rule `password` breaks, as messages (empty when it is acceptable). */
export function passwordProblems(password: string, context: PasswordContext = {}): string[] {
  return PASSWORD_RULES.filter((rule) => rule.isBrokenBy(password, context)).map((rule) => rule.message);
}
