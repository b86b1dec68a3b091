import {
  CONFUSABLE_MESSAGE,
  MIXED_SCRIPT_MESSAGE,
  normaliseUsername,
  USERNAME_PATTERN,
  usernameFromEmail,
  usernameSpoofingProblem,
} from './username-rules.js';

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

describe('normaliseUsername', () => {
  it('folds compatibility forms (NFKC)', () => {
    expect(normaliseUsername('ａdmin')).toBe('admin');
    expect(normaliseUsername('ﬁona')).toBe('fiona');
    expect(normaliseUsername('Zoë')).toBe('Zoë');
  });
});

describe('usernameSpoofingProblem', () => {
  it.each(['alice', 'Zoë', 'Łukasz', 'straße', 'Дмитрий', 'Ελένη', '田中', 'user_0', '007', 'bob.smith+1'])(
    'accepts %s (one script, not imitating another)',
    (username) => {
      expect(usernameSpoofingProblem(username)).toBeNull();
    },
  );

  it.each(['\u0430dmin', 'p\u0430ypal', 'Δmitry', '\u0430\u03b1'])('refuses %s as mixed-script', (username) => {
    expect(usernameSpoofingProblem(username)).toBe(MIXED_SCRIPT_MESSAGE);
  });

  it.each(['\u0455\u0441\u043e\u0440\u0435', '\u0440\u0430\u0443\u0440\u0430\u04cf'])(
    'refuses %s: another script, made of look-alikes of Latin letters',
    (username) => {
      expect(usernameSpoofingProblem(username)).toBe(CONFUSABLE_MESSAGE);
    },
  );
});
