import { requestIdOf } from './request-id.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdOf', () => {
  it('keeps a well-formed client id', () => {
    expect(requestIdOf({ headers: { 'x-request-id': 'abc.DEF_123-x' } })).toBe('abc.DEF_123-x');
  });

  it.each([undefined, '', 'a b', '<script>', 'x'.repeat(129), "1' OR '1'='1"])('replaces %j with a UUID', (given) => {
    expect(requestIdOf({ headers: { 'x-request-id': given } })).toMatch(UUID);
  });

  it('replaces a repeated header (an array) with a UUID', () => {
    expect(requestIdOf({ headers: { 'x-request-id': ['a', 'b'] } })).toMatch(UUID);
  });
});
