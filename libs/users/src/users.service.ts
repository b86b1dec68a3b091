import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import type { EntityManager } from 'typeorm';
import {
  type Caller,
  DomainEvents,
  type FieldErrors,
  ForbiddenError,
  InvalidInputError,
  INVALID_EMAIL_MESSAGE,
  NotFoundError,
  Page,
  type PageRequest,
  REQUIRED_MESSAGE,
  textProblem,
} from '@app/core';
import type { CreateUserDto } from './dto/create-user.dto.js';
import type { ReplaceUserDto, PatchUserDto } from './dto/user-input.dto.js';
import { PasswordHasher } from './password-hasher.js';
import { passwordProblems } from './password-rules.js';
import type { User } from './user.entity.js';
import { type UserAuthState, type UserFields, UsersRepository } from './users.repository.js';
import {
  USERNAME_MAX_LENGTH,
  USERNAME_MIN_LENGTH,
  USERNAME_PATTERN,
  USERNAME_PATTERN_MESSAGE,
  usernameFromEmail,
  normaliseUsername,
  usernameSpoofingProblem,
} from './username-rules.js';
import { UserAccessChangedEvent } from './user-access-changed.event.js';

export interface CreateAdminInput {
  email: string;
  /** Needed to create an account; ignored when promoting an existing one. */
  password: string | null;
  /** Defaults to the part of the email before `@`, made valid. */
  username?: string | null;
}

export interface CreateAdminResult {
  outcome: 'created' | 'promoted' | 'already-admin';
  user: User;
}

/**
 * A username as it is stored from now on (NFKC), refused when the normalised form breaks the pattern or
 * the length (`①` is fine, `⑴` becomes `(1)`) or could pass for another name (usernameSpoofingProblem).
 */
function newUsername(username: string): string {
  const normalised = normaliseUsername(username);
  const problem = !USERNAME_PATTERN.test(normalised)
    ? USERNAME_PATTERN_MESSAGE
    : normalised.length > USERNAME_MAX_LENGTH
      ? `Ensure this field has no more than ${USERNAME_MAX_LENGTH} characters.`
      : usernameSpoofingProblem(normalised);
  if (problem !== null) throw new InvalidInputError({ username: [problem] });
  return normalised;
}

const USER_NOT_FOUND = () => new NotFoundError('USER_NOT_FOUND', 'Not found.');

/** The answer to a wrong `current_password`: the API counts it as a failed password attempt. */
export const INCORRECT_CURRENT_PASSWORD_MESSAGE = 'The current password is incorrect.';

/**
 * Accounts: signup, profiles, password changes, deletion and admin creation. Every read and write
 * that names a user is scoped to the caller by the repository, so "not yours" is a single query.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordHasher,
    private readonly events: DomainEvents,
  ) {}

  async signUp(input: CreateUserDto): Promise<User> {
    return this.users.insert({
      username: newUsername(input.username),
      email: input.email.toLowerCase(),
      firstName: input.first_name,
      lastName: input.last_name,
      passwordHash: await this.passwords.hash(input.password),
      isAdmin: false,
    });
  }

  async listUsers(caller: Caller, request: PageRequest): Promise<Page<User>> {
    const [users, total] = await this.users.listVisible(caller, request);
    return new Page(users, total, request);
  }

  async getUser(caller: Caller, id: string): Promise<User> {
    const user = await this.users.findVisible(caller, id);
    if (user === null) throw USER_NOT_FOUND();
    return user;
  }

  /**
   * Updates the caller's own profile (an admin may see others but not edit them: 403). A new password
   * needs the current one and retires every token issued before.
   */
  async updateUser(caller: Caller, id: string, input: PatchUserDto | ReplaceUserDto): Promise<User> {
    const user = await this.getUser(caller, id);
    if (user.id !== caller.userId) throw new ForbiddenError('FORBIDDEN', 'You may only change your own profile.');

    const fields: Partial<UserFields> = {
      // A username kept as it is stays valid, even one stored before the look-alike rules.
      username:
        input.username === undefined || input.username === user.username ? input.username : newUsername(input.username),
      email: input.email?.toLowerCase(),
      firstName: input.first_name,
      lastName: input.last_name,
    };
    if (input.password !== undefined) {
      await this.checkPasswordChange(user, input.password, input.current_password, fields);
      fields.passwordHash = await this.passwords.hash(input.password);
    }
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const retireTokens = input.password !== undefined;
    const updated = await this.users.update(user.id, defined, { retireTokens });
    if (retireTokens) await this.events.publish(new UserAccessChangedEvent(user.id));
    return updated;
  }

  /**
   * The first step of deleting an account (the ratings lib's `AccountDeletionService` does the rest
   * in the same transaction): the user themself or an admin may, anyone else gets 404. Locks the user
   * until commit.
   */
  async lockForDeletion(manager: EntityManager, caller: Caller, id: string): Promise<void> {
    if (!(await this.users.lockVisible(manager, caller, id))) throw USER_NOT_FOUND();
  }

  /** The last step of deleting an account: the user's ratings and history go with them. */
  async deleteLocked(manager: EntityManager, id: string): Promise<void> {
    await this.users.delete(manager, id);
  }

  /** The account with these credentials, or null; an unknown email costs as long as a wrong password. */
  async authenticate(email: string, password: string): Promise<UserAuthState | null> {
    const credentials = await this.users.findCredentialsByEmail(email.trim());
    const matches = await this.passwords.verify(credentials?.passwordHash ?? null, password);
    if (!credentials || !matches) return null;
    return { id: credentials.id, isAdmin: credentials.isAdmin, tokenVersion: credentials.tokenVersion };
  }

  /**
   * Makes the user with this email an admin, creating the account (with a password that passes the
   * signup rules) when there is none. Used by the `create-admin` command; never reachable over HTTP.
   */
  async createOrPromoteAdmin(input: CreateAdminInput): Promise<CreateAdminResult> {
    const email = input.email.trim().toLowerCase();
    const username = input.username ?? usernameFromEmail(input.email.trim());
    const errors = adminInputErrors(email, username, input.password);
    if (Object.keys(errors).length > 0) throw new InvalidInputError(errors);

    const existing = await this.users.findByEmail(email);
    if (existing?.isAdmin) return { outcome: 'already-admin', user: existing };
    if (existing) {
      const promoted = await this.users.update(existing.id, { isAdmin: true }, { retireTokens: false });
      await this.events.publish(new UserAccessChangedEvent(existing.id));
      return { outcome: 'promoted', user: promoted };
    }
    if (input.password === null) {
      throw new InvalidInputError({ password: ['A password is needed to create a new account.'] });
    }
    const user = await this.users.insert({
      username,
      email,
      firstName: '',
      lastName: '',
      passwordHash: await this.passwords.hash(input.password),
      isAdmin: true,
    });
    return { outcome: 'created', user };
  }

  private async checkPasswordChange(
    user: User,
    password: string,
    currentPassword: string | undefined,
    fields: Partial<UserFields>,
  ): Promise<void> {
    if (currentPassword === undefined) {
      throw new InvalidInputError({ current_password: ['This field is required to change the password.'] });
    }
    const errors: FieldErrors = {};
    const storedHash = await this.users.findPasswordHash(user.id);
    if (!(await this.passwords.verify(storedHash, currentPassword))) {
      errors.current_password = [INCORRECT_CURRENT_PASSWORD_MESSAGE];
    }
    const problems = passwordProblems(password, {
      username: fields.username ?? user.username,
      email: fields.email ?? user.email,
    });
    if (problems.length > 0) errors.password = problems;
    if (Object.keys(errors).length > 0) throw new InvalidInputError(errors);
  }
}

function adminInputErrors(email: string, username: string, password: string | null): FieldErrors {
  const errors: FieldErrors = {};
  if (email === '') errors.email = [REQUIRED_MESSAGE];
  else if (!isEmail(email) || email.length > 254) errors.email = [INVALID_EMAIL_MESSAGE];
  const usernameProblem = textProblem(username, {
    min: USERNAME_MIN_LENGTH,
    max: USERNAME_MAX_LENGTH,
    pattern: USERNAME_PATTERN,
    patternMessage: USERNAME_PATTERN_MESSAGE,
  });
  if (usernameProblem) errors.username = [usernameProblem];
  const problems = password === null ? [] : passwordProblems(password, { username, email });
  if (problems.length > 0) errors.password = problems;
  return errors;
}
