import { containsPattern } from './like-pattern.js';

describe('containsPattern', () => {
  it('wraps the value in wildcards', () => {
    expect(containsPattern('matrix')).toBe('%matrix%');
  });

  it('escapes LIKE wildcards and the escape character', () => {
    expect(containsPattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
});
