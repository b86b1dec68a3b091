import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@app/core';

export type TokenKind = 'access' | 'refresh';

/** The claims this API puts in its JWTs. `ver` is the user's token version at issue time. */
export interface TokenClaims {
  sub: string;
  ver: number;
  typ: TokenKind;
}

export interface TokenPair {
  access: string;
  refresh: string;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async issuePair(userId: string, tokenVersion: number): Promise<TokenPair> {
    const [access, refresh] = await Promise.all([
      this.issue(userId, tokenVersion, 'access'),
      this.issue(userId, tokenVersion, 'refresh'),
    ]);
    return { access, refresh };
  }

  issue(userId: string, tokenVersion: number, typ: TokenKind): Promise<string> {
    const { accessTokenTtlSeconds, refreshTokenTtlSeconds } = this.config.auth;
    const expiresIn = typ === 'access' ? accessTokenTtlSeconds : refreshTokenTtlSeconds;
    const claims: TokenClaims = { sub: userId, ver: tokenVersion, typ };
    return this.jwt.signAsync(claims, { expiresIn });
  }

  /** The claims of a valid token of the given kind, or null (bad signature, expired, wrong kind). */
  async verify(token: string, typ: TokenKind): Promise<TokenClaims | null> {
    try {
      const claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
      return claims.typ === typ ? claims : null;
    } catch {
      return null;
    }
  }
}
