import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-body-parser.js';

const json = (text: string) => Buffer.from(text, 'utf8');

describe('nestsDeeperThan', () => {
  it('counts arrays and objects inside one another', () => {
    expect(nestsDeeperThan(json('{"a":[{"b":[]}]}'), 4)).toBe(false);
    expect(nestsDeeperThan(json('{"a":[{"b":[]}]}'), 3)).toBe(true);
  });

  it('counts siblings once, not added up', () => {
    expect(nestsDeeperThan(json(`[${'[],'.repeat(1000)}[]]`), 2)).toBe(false);
  });

  it('ignores brackets in strings, escaped quotes included', () => {
    expect(nestsDeeperThan(json(JSON.stringify({ a: '[[[[{{{{\\"[[[[' })), 1)).toBe(false);
    expect(nestsDeeperThan(json('["\\\\", [[]]]'), 2)).toBe(true);
  });

  it('ignores bytes of multi-byte characters', () => {
    expect(nestsDeeperThan(json(JSON.stringify({ a: '«[»ü€😀'.repeat(50) })), 1)).toBe(false);
  });

  it('refuses the limit plus one', () => {
    const nested = (depth: number) => json(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(nested(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH)).toBe(true);
  });
});
