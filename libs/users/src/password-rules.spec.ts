import { passwordProblems } from './password-rules.js';

const TOO_SHORT = 'This password is too short. It must contain at least 8 characters.';
const TOO_LONG = 'This password is too long. It must contain at most 128 characters.';
const NUMERIC = 'This password is entirely numeric.';
const SAME_AS_USERNAME = 'The password must not be the same as the username.';
const SAME_AS_EMAIL = 'The password must not be the same as the email address.';

describe('passwordProblems', () => {
  it('accepts 8 to 128 characters that are not all digits', () => {
    expect(passwordProblems('abcdefgh')).toEqual([]);
    expect(passwordProblems('1234567a')).toEqual([]);
    expect(passwordProblems('x'.repeat(128))).toEqual([]);
  });

  it('refuses fewer than 8 characters, counting characters rather than UTF-16 units', () => {
    expect(passwordProblems('abcdefg')).toEqual([TOO_SHORT]);
    expect(passwordProblems('')).toEqual([TOO_SHORT]);
    // Seven emoji are 14 UTF-16 units but 7 characters.
    expect(passwordProblems('😀'.repeat(7))).toEqual([TOO_SHORT]);
    expect(passwordProblems('😀'.repeat(8))).toEqual([]);
  });

  it('refuses more than 128 characters', () => {
    expect(passwordProblems('x'.repeat(129))).toEqual([TOO_LONG]);
  });

  it('refuses a password made only of digits, whatever its length', () => {
    expect(passwordProblems('12345678')).toEqual([NUMERIC]);
    expect(passwordProblems('1234')).toEqual([TOO_SHORT, NUMERIC]);
    expect(passwordProblems('1'.repeat(129))).toEqual([TOO_LONG, NUMERIC]);
  });

  it('refuses the username or the email, compared without regard to case', () => {
    const context = { username: 'Alice_1984', email: 'alice@example.com' };
    expect(passwordProblems('alice_1984', context)).toEqual([SAME_AS_USERNAME]);
    expect(passwordProblems('ALICE@EXAMPLE.COM', context)).toEqual([SAME_AS_EMAIL]);
    expect(passwordProblems('alice_1984!', context)).toEqual([]);
  });

  it('ignores a context that is missing or not text (the DTO reports those fields itself)', () => {
    expect(passwordProblems('alice-password', {})).toEqual([]);
    expect(passwordProblems('alice-password', { username: 42, email: null })).toEqual([]);
    expect(passwordProblems('alice-password', { username: '' })).toEqual([]);
  });

  it('reports every broken rule at once', () => {
    expect(passwordProblems('1234', { username: '1234' })).toEqual([TOO_SHORT, NUMERIC, SAME_AS_USERNAME]);
  });
});
