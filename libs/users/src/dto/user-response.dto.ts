import { ApiProperty } from '@nestjs/swagger';
import type { User } from '../user.entity.js';

/** A user on the wire. The password hash is not part of it, by construction. */
export class UserResponseDto {
  @ApiProperty({ format: 'uuid' })
  user_id: string;
  username: string;
  @ApiProperty({ format: 'email' })
  email: string;
  first_name: string;
  last_name: string;
  is_admin: boolean;
  /** ISO 8601, UTC. */
  @ApiProperty({ format: 'date-time' })
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
