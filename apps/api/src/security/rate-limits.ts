import type { RateLimitConfig } from '@app/core';

/** Who is calling, worked out once per request by `RateLimitGuard`. */
export interface RateLimitClient {
  ip: string;
  /** From a valid access token (signature checked, no database); null for anonymous callers. */
  userId: string | null;
  /** `METHOD /route/template` without the trailing slash, e.g. `POST /api/token`. */
  route: string;
  /** Lower-cased `email` of the request body, when there is one. */
  email: string | null;
}

export interface RateLimitRule {
  name: string;
  limit: number;
  /**
   * Met by every request: counted through `BatchedCounters` (far from the limit, in this process first).
   * The other limits guard logins and signups and are counted in the shared store on every hit.
   */
  everyRequest: boolean;
  /** The counter this request adds to, or null when the rule does not apply to it. */
  counterOf(client: RateLimitClient): string | null;
}

/**
 * Extra limits by route, on top of the general per-IP / per-user one. Keyed by method and route so no
 * controller needs a decorator: a new sensitive route only needs a line here. Routes that check a
 * password count failed attempts instead (PASSWORD_ROUTES in password-attempts.ts).
 */
export const ROUTE_LIMITS: Record<string, string[]> = {
  'POST /api/users': ['signup-ip'],
};

const onRoute = (name: string, client: RateLimitClient) => (ROUTE_LIMITS[client.route] ?? []).includes(name);

/** The named limits of `RATE_LIMIT_*`, each counted per client in fixed windows of `RATE_LIMIT_WINDOW_MS`. */
export function rateLimitRules(config: RateLimitConfig): RateLimitRule[] {
  return [
    {
      name: 'anonymous',
      limit: config.anonymousPerIp,
      everyRequest: true,
      counterOf: (client) => (client.userId === null ? `ip:${client.ip}` : null),
    },
    {
      name: 'user',
      limit: config.perUser,
      everyRequest: true,
      counterOf: (client) => (client.userId === null ? null : `user:${client.userId}`),
    },
    {
      name: 'signup-ip',
      everyRequest: false,
      limit: config.signupPerIp,
      counterOf: (client) => (onRoute('signup-ip', client) ? `ip:${client.ip}` : null),
    },
  ];
}
