import { Injectable } from '@nestjs/common';
import { UnauthorizedError } from '@app/core';
import { UsersRepository, UsersService } from '@app/users';
import { type TokenPair, TokenService } from './token.service.js';

/**
 * Logging in and refreshing. Wrong credentials get one answer whether or not the email exists, and a
 * refresh token works only while its user exists and its token version is current.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly usersRepository: UsersRepository,
    private readonly tokens: TokenService,
  ) {}

  async obtainTokenPair(email: string, password: string): Promise<TokenPair> {
    const user = await this.users.authenticate(email, password);
    if (user === null) {
      throw new UnauthorizedError('INVALID_CREDENTIALS', 'No active account found with the given credentials.');
    }
    return this.tokens.issuePair(user.id, user.tokenVersion);
  }

  async refreshAccessToken(refresh: string): Promise<{ access: string }> {
    const claims = this.tokens.verify(refresh, 'refresh');
    const user = claims && (await this.usersRepository.findAuthState(claims.sub));
    if (!claims || !user || user.tokenVersion !== claims.ver) {
      throw new UnauthorizedError('TOKEN_NOT_VALID', 'Token is invalid or expired.');
    }
    return { access: await this.tokens.issue(user.id, user.tokenVersion, 'access') };
  }
}
