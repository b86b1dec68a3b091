import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { User } from './user.entity.js';

export interface UserAuthState {
  id: string;
  isAdmin: boolean;
  tokenVersion: number;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async findAuthState(id: string): Promise<UserAuthState | null> {
    return this.users.findOne({ where: { id }, select: { id: true, isAdmin: true, tokenVersion: true } });
  }
}
