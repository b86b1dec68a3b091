import { AppConfig, ConflictError, InvalidInputError } from '@app/core';
import { type CreateAdminResult, UsersService } from '@app/users';
import { Command, CommandRunner, Option } from 'nest-commander';

export interface CreateAdminOptions {
  email: string;
  password?: string;
  username?: string;
}

/**
 * `create-admin --email E [--password P] [--username U]`: creates an admin account, or promotes the
 * user who has that email. Non-interactive; the password may come from ADMIN_PASSWORD instead.
 */
@Command({
  name: 'create-admin',
  description: 'Create an admin account, or make the existing user with that email an admin',
})
export class CreateAdminCommand extends CommandRunner {
  constructor(
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async run(_params: string[], options: CreateAdminOptions): Promise<void> {
    try {
      const result = await this.users.createOrPromoteAdmin({
        email: options.email,
        password: options.password ?? this.config.adminPassword,
        username: options.username,
      });
      console.log(describeResult(result));
    } catch (error) {
      throw new Error(describeError(error), { cause: error });
    }
  }

  @Option({ flags: '-e, --email <email>', description: 'the admin’s email address', required: true })
  parseEmail(value: string): string {
    return value;
  }

  @Option({ flags: '-p, --password <password>', description: 'the password of a new account (or set ADMIN_PASSWORD)' })
  parsePassword(value: string): string {
    return value;
  }

  @Option({ flags: '-u, --username <username>', description: 'default: the part of the email before @' })
  parseUsername(value: string): string {
    return value;
  }
}

export function describeResult({ outcome, user }: CreateAdminResult): string {
  const who = `${user.username} <${user.email}> (id ${user.id})`;
  switch (outcome) {
    case 'created':
      return `Created admin ${who}.`;
    case 'promoted':
      return `Promoted existing user ${who} to admin; their password is unchanged.`;
    case 'already-admin':
      return `${who} is already an admin; nothing changed.`;
  }
}

function describeError(error: unknown): string {
  if (error instanceof InvalidInputError) {
    return Object.entries(error.errors)
      .map(([field, messages]) => `${field}: ${messages.join(' ')}`)
      .join('\n');
  }
  if (error instanceof ConflictError) return `${error.message} Choose another with --username.`;
  return error instanceof Error ? error.message : String(error);
}
