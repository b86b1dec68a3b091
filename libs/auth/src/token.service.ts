import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@app/core';

export type TokenKind = 'access' | 'refresh';

/**
 * The claims this API puts in its JWTs. `ver` is the user's token version at issue time; a refresh
 * token also names its rotation family (`fam`) and generation (`gen`), ADR 0016.
 */
export interface TokenClaims {
  sub: string;
  ver: number;
  typ: TokenKind;
  fam?: string;
  gen?: number;
}

/** A refresh token's place in its family (`refresh_token_families`). */
export interface TokenFamily {
  id: string;
  generation: number;
}

export interface TokenPair {
  access: string;
  refresh: string;
}

/** Why a token was refused: `expired` (a genuine token past its `exp`) or `invalid` (anything else). */
export type TokenCheck = { claims: TokenClaims } | { refused: 'expired' | 'invalid' };

/**
 * Issues and checks the API's JWTs (HS256). Signing goes through `@nestjs/jwt`; checking is done
 * here with node:crypto because it runs on every authenticated request: jsonwebtoken turns the
 * secret into a key object on each call (a failed public-key parse first), which cost more than the
 * rest of a cached answer. Only `HS256` with the configured secret is accepted, in canonical
 * base64url, with a numeric `exp` in the future and no `nbf` in the future.
 */
@Injectable()
export class TokenService {
  private readonly key: KeyObject;
  /** Tokens whose signature and claims were checked, with their expiry: a client sends the same one for an hour. */
  private readonly checked = new Map<string, { claims: TokenClaims; exp: number }>();

  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {
    this.key = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
  }

  async issuePair(userId: string, tokenVersion: number, family: TokenFamily): Promise<TokenPair> {
    const [access, refresh] = await Promise.all([
      this.issue(userId, tokenVersion, 'access'),
      this.issueRefresh(userId, tokenVersion, family),
    ]);
    return { access, refresh };
  }

  issue(userId: string, tokenVersion: number, typ: 'access'): Promise<string> {
    const claims: TokenClaims = { sub: userId, ver: tokenVersion, typ };
    return this.jwt.signAsync(claims, { expiresIn: this.config.auth.accessTokenTtlSeconds });
  }

  issueRefresh(userId: string, tokenVersion: number, family: TokenFamily): Promise<string> {
    const claims: TokenClaims = {
      sub: userId,
      ver: tokenVersion,
      typ: 'refresh',
      fam: family.id,
      gen: family.generation,
    };
    return this.jwt.signAsync(claims, { expiresIn: this.config.auth.refreshTokenTtlSeconds });
  }

  /** The claims of a valid token of the given kind, or null (bad signature, expired, wrong kind). */
  verify(token: string, typ: TokenKind): TokenClaims | null {
    const check = this.check(token, typ);
    return 'claims' in check ? check.claims : null;
  }

  /** Like `verify`, but says whether a refused token was merely expired. */
  check(token: string, typ: TokenKind): TokenCheck {
    const known = this.checked.get(token);
    if (known === undefined) return this.checkSignedToken(token, typ);
    if (Math.floor(Date.now() / 1000) >= known.exp) return EXPIRED;
    return known.claims.typ === typ ? { claims: known.claims } : INVALID;
  }

  private checkSignedToken(token: string, typ: TokenKind): TokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3) return INVALID;
    const [header, payload, signature] = parts;
    if (decodeJson(header)?.alg !== 'HS256' || !this.signs(`${header}.${payload}`, signature)) return INVALID;
    const claims = decodeJson(payload);
    if (claims === null || typeof claims.exp !== 'number') return INVALID;
    const now = Math.floor(Date.now() / 1000);
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now)) return INVALID;
    if (now >= claims.exp) return EXPIRED;
    const { sub, ver, typ: kind, fam, gen } = claims;
    if (!isTokenKind(kind) || typeof sub !== 'string' || typeof ver !== 'number' || !Number.isInteger(ver)) {
      return INVALID;
    }
    const family =
      kind === 'refresh' && typeof fam === 'string' && Number.isInteger(gen) ? { fam, gen: gen as number } : {};
    const checked = { claims: { sub, ver, typ: kind, ...family }, exp: claims.exp };
    if (this.checked.size >= MAX_CHECKED_TOKENS) this.checked.clear();
    this.checked.set(token, checked);
    return kind === typ ? { claims: checked.claims } : INVALID;
  }

  private signs(signingInput: string, signature: string): boolean {
    const expected = Buffer.from(createHmac('sha256', this.key).update(signingInput).digest('base64url'));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

const MAX_CHECKED_TOKENS = 10_000;
const isTokenKind = (value: unknown): value is TokenKind => value === 'access' || value === 'refresh';
const INVALID: TokenCheck = { refused: 'invalid' };
const EXPIRED: TokenCheck = { refused: 'expired' };

/** A base64url segment holding a JSON object, or null. */
function decodeJson(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
