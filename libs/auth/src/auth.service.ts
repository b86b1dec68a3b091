import { Injectable } from '@nestjs/common';
import { AppConfig, UnauthorizedError } from '@app/core';
import { UsersRepository, UsersService } from '@app/users';
import { RefreshTokenFamiliesRepository } from './refresh-token-families.repository.js';
import { type TokenPair, TokenService } from './token.service.js';

/**
 * Logging in and refreshing. Wrong credentials get one answer whether or not the email exists. A
 * refresh token works only while its user exists, its token version is current and it is the latest
 * of its family; each refresh replaces it, and presenting a replaced one retires the family (ADR 0016).
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly usersRepository: UsersRepository,
    private readonly tokens: TokenService,
    private readonly families: RefreshTokenFamiliesRepository,
    private readonly config: AppConfig,
  ) {}

  async obtainTokenPair(email: string, password: string): Promise<TokenPair> {
    const user = await this.users.authenticate(email, password);
    if (user === null) {
      throw new UnauthorizedError('INVALID_CREDENTIALS', 'No active account found with the given credentials.');
    }
    const family = await this.families.start(user.id, this.config.auth.refreshTokenTtlSeconds);
    return this.tokens.issuePair(user.id, user.tokenVersion, family);
  }

  /** A new access token and the refresh token that replaces this one. */
  async refreshTokens(refresh: string): Promise<TokenPair> {
    const claims = this.tokens.verify(refresh, 'refresh');
    const user = claims && (await this.usersRepository.findAuthState(claims.sub));
    if (!claims || claims.fam === undefined || claims.gen === undefined || !user || user.tokenVersion !== claims.ver) {
      throw notValid();
    }
    const rotation = await this.families.rotate(claims.fam, user.id, claims.gen);
    if ('refused' in rotation) throw notValid();
    return this.tokens.issuePair(user.id, user.tokenVersion, rotation.rotated);
  }
}

const notValid = () => new UnauthorizedError('TOKEN_NOT_VALID', 'Token is invalid or expired.');
