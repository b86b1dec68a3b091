// Signs access tokens for bench users exactly as the API's TokenService does (HS256, claims
// sub/ver/typ), so the bench can act as any imported MovieLens user, who has no password.
import { createHmac } from 'node:crypto';

const base64url = (value) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

export function signAccessToken(secret, userId, tokenVersion = 0, ttlSeconds = 3600) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url({ alg: 'HS256', typ: 'JWT' });
  const payload = base64url({ sub: userId, ver: tokenVersion, typ: 'access', iat: now, exp: now + ttlSeconds });
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
