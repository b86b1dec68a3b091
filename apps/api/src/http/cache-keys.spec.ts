import { normaliseUrl } from './cache-keys.js';

describe('normaliseUrl', () => {
  it.each([
    ['/api/movies/1/', '/api/movies/1'],
    ['/api/movies/1', '/api/movies/1'],
    ['/api/movies/popular/?page=2&page_size=5', '/api/movies/popular?page=2&page_size=5'],
    ['/api/movies/popular?page=2', '/api/movies/popular?page=2'],
    ['/api/genres//', '/api/genres'],
    ['/', '/'],
  ])('keys %s as %s', (url, key) => {
    expect(normaliseUrl(url)).toBe(key);
  });
});
