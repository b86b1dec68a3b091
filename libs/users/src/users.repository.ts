import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import type { EntityManager, Repository } from 'typeorm';
import { type Caller, ConflictError, type ErrorCode, isUniqueViolation, pageOffset, type PageRequest } from '@app/core';
import { User } from './user.entity.js';

export interface UserAuthState {
  id: string;
  isAdmin: boolean;
  tokenVersion: number;
}

export interface UserCredentials extends UserAuthState {
  passwordHash: string;
}

/** The columns a signup, an update or the create-admin command may write. */
export type UserFields = Pick<User, 'username' | 'email' | 'firstName' | 'lastName' | 'passwordHash' | 'isAdmin'>;

const CONFLICT_BY_CONSTRAINT: Record<string, [code: ErrorCode, detail: string]> = {
  users_email_lower_key: ['EMAIL_TAKEN', 'A user with that email already exists.'],
  users_username_lower_key: ['USERNAME_TAKEN', 'A user with that username already exists.'],
};

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** What an access token is checked against; null when there is no such user (or `id` is no UUID). */
  async findAuthState(id: string): Promise<UserAuthState | null> {
    if (!isUUID(id)) return null;
    // Plain SQL: it runs for every authenticated request, and the entity machinery costs more than the query.
    const rows = await this.users.query<UserAuthState[]>(
      'SELECT id, is_admin AS "isAdmin", token_version AS "tokenVersion" FROM users WHERE id = $1',
      [id],
    );
    return rows[0] ?? null;
  }

  /** The user, if `caller` may see it: an admin sees everyone, anyone else only themself. */
  async findVisible(caller: Caller, id: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('user')
      .where('user.id = :id', { id })
      .andWhere('(CAST(:isAdmin AS boolean) OR user.id = :callerId)', {
        isAdmin: caller.isAdmin,
        callerId: caller.userId,
      })
      .getOne();
  }

  /** The users `caller` may see, oldest account first. */
  async listVisible(caller: Caller, request: PageRequest): Promise<[User[], number]> {
    return this.users
      .createQueryBuilder('user')
      .where('(CAST(:isAdmin AS boolean) OR user.id = :callerId)', {
        isAdmin: caller.isAdmin,
        callerId: caller.userId,
      })
      .orderBy('user.dateJoined', 'ASC')
      .addOrderBy('user.id', 'ASC')
      .skip(pageOffset(request))
      .take(request.pageSize)
      .getManyAndCount();
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.users.createQueryBuilder('user').where('lower(user.email) = lower(:email)', { email }).getOne();
  }

  async findCredentialsByEmail(email: string): Promise<UserCredentials | null> {
    const user = await this.users
      .createQueryBuilder('user')
      .select(['user.id', 'user.isAdmin', 'user.tokenVersion', 'user.passwordHash'])
      .where('lower(user.email) = lower(:email)', { email })
      .getOne();
    return (
      user && { id: user.id, isAdmin: user.isAdmin, tokenVersion: user.tokenVersion, passwordHash: user.passwordHash }
    );
  }

  async findPasswordHash(id: string): Promise<string | null> {
    const user = await this.users.findOne({ where: { id }, select: { id: true, passwordHash: true } });
    return user?.passwordHash ?? null;
  }

  /** Inserts a user; a taken email or username (in any case) is a ConflictError. */
  async insert(fields: UserFields): Promise<User> {
    const id = await this.translatingConflicts(async () => {
      const result = await this.users.insert(this.users.create(fields));
      return (result.identifiers[0] as { id: string }).id;
    });
    return this.users.findOneByOrFail({ id });
  }

  /**
   * Writes the given columns; with `retireTokens` the token version moves on, so every token
   * issued before stops working. A taken email or username is a ConflictError.
   */
  async update(id: string, fields: Partial<UserFields>, options: { retireTokens: boolean }): Promise<User> {
    const changes = { ...fields, ...(options.retireTokens ? { tokenVersion: () => 'token_version + 1' } : {}) };
    if (Object.keys(changes).length > 0) {
      await this.translatingConflicts(() => this.users.update({ id }, changes));
    }
    return this.users.findOneByOrFail({ id });
  }

  /**
   * In the caller's transaction, locks the user `caller` may see until commit, so nothing of theirs
   * can be written before their deletion. False when there is no such user for this caller.
   */
  async lockVisible(manager: EntityManager, caller: Caller, id: string): Promise<boolean> {
    const locked = await manager.query<unknown[]>(
      'SELECT id FROM users WHERE id = $1 AND ($2::boolean OR id = $3) FOR UPDATE',
      [id, caller.isAdmin, caller.userId],
    );
    return locked.length > 0;
  }

  /** Deletes the user; their ratings and watch history go with them (ON DELETE CASCADE). */
  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query('DELETE FROM users WHERE id = $1', [id]);
  }

  private async translatingConflicts<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      for (const [constraint, [code, detail]] of Object.entries(CONFLICT_BY_CONSTRAINT)) {
        if (isUniqueViolation(error, constraint)) throw new ConflictError(code, detail);
      }
      throw error;
    }
  }
}
