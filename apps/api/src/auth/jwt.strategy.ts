import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig, type Caller } from '@app/core';
import type { TokenClaims } from '@app/auth';
import { UsersRepository } from '@app/users';

/**
 * Accepts an access token only while its user exists and its token version is current, so deleting
 * an account or changing a password retires every token issued before.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    config: AppConfig,
    private readonly users: UsersRepository,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.auth.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: TokenClaims): Promise<Caller | false> {
    if (claims.typ !== 'access') return false;
    const state = await this.users.findAuthState(claims.sub);
    if (state === null || state.tokenVersion !== claims.ver) return false;
    return { userId: state.id, isAdmin: state.isAdmin };
  }
}
