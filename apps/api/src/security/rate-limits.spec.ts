import { type RateLimitClient, rateLimitRules } from './rate-limits.js';

const rules = rateLimitRules({
  windowMs: 60_000,
  anonymousPerIp: 300,
  perUser: 600,
  loginPerIp: 5,
  loginPerEmail: 6,
  signupPerIp: 10,
});

function countersOf(client: Partial<RateLimitClient>): Record<string, string> {
  const full: RateLimitClient = { ip: '203.0.113.7', userId: null, route: 'GET /api/movies', email: null, ...client };
  return Object.fromEntries(
    rules.flatMap((rule) => {
      const counter = rule.counterOf(full);
      return counter === null ? [] : [[rule.name, counter]];
    }),
  );
}

describe('rateLimitRules', () => {
  it('counts anonymous callers per IP', () => {
    expect(countersOf({})).toEqual({ anonymous: 'ip:203.0.113.7' });
  });

  it('counts authenticated callers per user, wherever they come from', () => {
    expect(countersOf({ userId: 'u1' })).toEqual({ user: 'user:u1' });
  });

  it('adds no per-request login limit (PasswordAttempts counts failed attempts instead)', () => {
    expect(countersOf({ route: 'POST /api/token', email: 'a@example.com' })).toEqual({ anonymous: 'ip:203.0.113.7' });
  });

  it('adds the signup limit per IP on POST /api/users only', () => {
    expect(countersOf({ route: 'POST /api/users' })).toEqual({
      anonymous: 'ip:203.0.113.7',
      'signup-ip': 'ip:203.0.113.7',
    });
    expect(countersOf({ route: 'GET /api/users' })).toEqual({ anonymous: 'ip:203.0.113.7' });
  });

  it('takes its limits from the configuration', () => {
    expect(Object.fromEntries(rules.map((rule) => [rule.name, rule.limit]))).toEqual({
      anonymous: 300,
      user: 600,
      'signup-ip': 10,
    });
  });
});
