import { EmailField, NameField, NewPasswordField, UsernameField } from './user-fields.js';

/** Signup: `POST /api/users/`. `is_admin` is not a field: sending it is a 400. */
export class CreateUserDto {
  @UsernameField()
  username: string;

  @EmailField()
  email: string;

  @NewPasswordField()
  password: string;

  @NameField()
  first_name: string;

  @NameField()
  last_name: string;
}
