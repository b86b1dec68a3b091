import { textProblem } from './text-field.js';

describe('textProblem', () => {
  const rules = { min: 3, max: 5 };

  it('says one thing per bad value', () => {
    expect(textProblem(undefined, rules)).toBe('This field is required.');
    expect(textProblem(null, rules)).toBe('This field may not be null.');
    expect(textProblem(42, rules)).toBe('Not a valid string.');
    expect(textProblem(['abc'], rules)).toBe('Not a valid string.');
    expect(textProblem('', rules)).toBe('This field may not be blank.');
    expect(textProblem('ab', rules)).toBe('Ensure this field has at least 3 characters.');
    expect(textProblem('abcdef', rules)).toBe('Ensure this field has no more than 5 characters.');
  });

  it('accepts values within the limits, counting characters as PostgreSQL does', () => {
    expect(textProblem('abc', rules)).toBeNull();
    expect(textProblem('😀😀😀😀😀', rules)).toBeNull();
    expect(textProblem('', { min: 0, max: 5 })).toBeNull();
  });

  it('checks email addresses and patterns after the length', () => {
    expect(textProblem('a@example.com', { max: 254, email: true })).toBeNull();
    expect(textProblem('a@@example', { max: 254, email: true })).toBe('Enter a valid email address.');
    expect(textProblem('ab c', { max: 10, pattern: /^\w+$/, patternMessage: 'Letters only.' })).toBe('Letters only.');
  });
});
