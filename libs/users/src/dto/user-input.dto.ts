import { CurrentPasswordField, EmailField, NameField, NewPasswordField, UsernameField } from './user-fields.js';

/** `PATCH /api/users/{id}/`: any subset of the profile; a new `password` needs `current_password`. */
export class PatchUserDto {
  @UsernameField({ optional: true })
  username?: string;

  @EmailField({ optional: true })
  email?: string;

  @NameField({ optional: true })
  first_name?: string;

  @NameField({ optional: true })
  last_name?: string;

  @NewPasswordField({ optional: true })
  password?: string;

  @CurrentPasswordField()
  current_password?: string;
}

/**
 * `PUT /api/users/{id}/`: the whole profile; the password stays optional. Not derived from
 * PatchUserDto, because class-validator would keep the parent's "may be absent" condition.
 */
export class ReplaceUserDto {
  @UsernameField()
  username: string;

  @EmailField()
  email: string;

  @NameField()
  first_name: string;

  @NameField()
  last_name: string;

  @NewPasswordField({ optional: true })
  password?: string;

  @CurrentPasswordField()
  current_password?: string;
}
