import type { User } from '../user.entity.js';

/** A user on the wire. The password hash is not part of it, by construction. */
export class UserResponseDto {
  user_id: string;
  username: string;
  email: string;
  first_name: string;
  last_name: string;
  is_admin: boolean;
  /** ISO 8601, UTC. */
  date_joined: string;
}

export function toUserResponse(user: User): UserResponseDto {
  return {
    user_id: user.id,
    username: user.username,
    email: user.email,
    first_name: user.firstName,
    last_name: user.lastName,
    is_admin: user.isAdmin,
    date_joined: user.dateJoined.toISOString(),
  };
}
