import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import type { AppConfig } from '@app/core';
import { TokenService } from './token.service.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const config = { auth: { jwtSecret: SECRET, accessTokenTtlSeconds: 3600, refreshTokenTtlSeconds: 604800 } };
const jwt = new JwtService({ secret: SECRET, signOptions: { algorithm: 'HS256' } });
const tokens = new TokenService(jwt, config as AppConfig);
const USER = '7f3c1f8e-4d2a-4a8e-9d0b-2f6c5e1a9b3d';
const now = () => Math.floor(Date.now() / 1000);

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A token assembled by hand, so any header, claims or key can be tried. */
function handMade(header: object, claims: object, secret = SECRET): string {
  const input = `${segment(header)}.${segment(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
const validClaims = () => ({ sub: USER, ver: 2, typ: 'access', iat: now(), exp: now() + 60 });

describe('TokenService', () => {
  it('accepts the tokens it issues (signed by jsonwebtoken), of the kind asked for only', async () => {
    const access = await tokens.issue(USER, 3, 'access');
    const refresh = await tokens.issueRefresh(USER, 3, { id: 'family-1', generation: 4 });
    expect(tokens.verify(access, 'access')).toEqual({ sub: USER, ver: 3, typ: 'access' });
    expect(tokens.verify(refresh, 'refresh')).toEqual({ sub: USER, ver: 3, typ: 'refresh', fam: 'family-1', gen: 4 });
    expect(tokens.verify(access, 'refresh')).toBeNull();
    expect(tokens.verify(refresh, 'access')).toBeNull();
  });

  it('accepts a token signed with the same key by another HS256 signer', () => {
    expect(tokens.verify(handMade({ alg: 'HS256', typ: 'JWT' }, validClaims()), 'access')).toMatchObject({ sub: USER });
  });

  it('tells an expired token from an invalid one', async () => {
    const expired = await jwt.signAsync({ sub: USER, ver: 0, typ: 'access', exp: now() - 1 });
    expect(tokens.check(expired, 'access')).toEqual({ refused: 'expired' });
    expect(tokens.check('not-a-token', 'access')).toEqual({ refused: 'invalid' });
  });

  it.each<[string, () => string]>([
    ['another key', () => handMade({ alg: 'HS256' }, validClaims(), 'another-secret-that-is-long-enough-1234')],
    ['alg none without a signature', () => `${segment({ alg: 'none' })}.${segment(validClaims())}.`],
    ['alg none with our signature', () => handMade({ alg: 'none' }, validClaims())],
    ['another algorithm', () => handMade({ alg: 'HS512' }, validClaims())],
    ['no alg', () => handMade({ typ: 'JWT' }, validClaims())],
    [
      'a changed payload',
      () =>
        handMade({ alg: 'HS256' }, validClaims()).replace(/\.[^.]+\./, `.${segment({ ...validClaims(), ver: 9 })}.`),
    ],
    ['a signature with padding', () => `${handMade({ alg: 'HS256' }, validClaims())}=`],
    ['a truncated signature', () => handMade({ alg: 'HS256' }, validClaims()).slice(0, -2)],
    ['four segments', () => `${handMade({ alg: 'HS256' }, validClaims())}.x`],
    ['a payload that is not an object', () => handMade({ alg: 'HS256' }, [validClaims()])],
    ['no exp', () => handMade({ alg: 'HS256' }, { ...validClaims(), exp: undefined })],
    ['a string exp', () => handMade({ alg: 'HS256' }, { ...validClaims(), exp: String(now() + 60) })],
    ['an nbf in the future', () => handMade({ alg: 'HS256' }, { ...validClaims(), nbf: now() + 60 })],
    ['a sub that is not a string', () => handMade({ alg: 'HS256' }, { ...validClaims(), sub: 42 })],
    ['a version that is not an integer', () => handMade({ alg: 'HS256' }, { ...validClaims(), ver: '2' })],
    ['an unknown typ', () => handMade({ alg: 'HS256' }, { ...validClaims(), typ: 'admin' })],
  ])('refuses a token with %s', (_case, make) => {
    expect(tokens.check(make(), 'access')).toEqual({ refused: 'invalid' });
  });
});
