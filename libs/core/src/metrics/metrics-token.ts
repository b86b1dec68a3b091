import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Whether an `Authorization` header carries `Bearer <METRICS_TOKEN>`, compared in constant time
 * (the API's and the worker's `/metrics` both ask this).
 */
export function carriesMetricsToken(authorization: string | undefined, token: string): boolean {
  return typeof authorization === 'string' && timingSafeEqual(digest(authorization), digest(`Bearer ${token}`));
}
