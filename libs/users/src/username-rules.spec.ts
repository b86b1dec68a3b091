import { USERNAME_PATTERN, usernameFromEmail } from './username-rules.js';

describe('USERNAME_PATTERN', () => {
  it.each(['alice', 'a.b+c-d_e@f', 'Zoë', '用户名', '007'])('accepts %s', (username) => {
    expect(USERNAME_PATTERN.test(username)).toBe(true);
  });

  it.each(['alice smith', 'alice!', 'a/b', 'tab\there', ''])('refuses %j', (username) => {
    expect(USERNAME_PATTERN.test(username)).toBe(false);
  });
});

describe('usernameFromEmail', () => {
  it('takes the part before the last @', () => {
    expect(usernameFromEmail('admin@example.com')).toBe('admin');
    expect(usernameFromEmail('"a@b"@example.com')).toBe('_a@b_');
  });

  it('replaces characters the username rule refuses', () => {
    expect(usernameFromEmail('mary o’neil!@example.com')).toBe('mary_o_neil_');
  });

  it('pads a short part to three characters and cuts a long one to 150', () => {
    expect(usernameFromEmail('x@example.com')).toBe('x__');
    expect(usernameFromEmail(`${'é'.repeat(200)}@example.com`)).toBe('é'.repeat(150));
  });

  it('always gives a valid username', () => {
    for (const email of ['a@b.c', '!!!@b.c', 'ok.name+tag@b.c', '@b.c']) {
      const username = usernameFromEmail(email);
      expect(USERNAME_PATTERN.test(username)).toBe(true);
      expect([...username].length).toBeGreaterThanOrEqual(3);
    }
  });
});
