import { orderingsOf, parseOrdering } from './ordering.js';

describe('orderingsOf', () => {
  it('accepts each field ascending and descending', () => {
    expect(orderingsOf(['score', 'created_at'])).toEqual(['score', '-score', 'created_at', '-created_at']);
  });
});

describe('parseOrdering', () => {
  it('reads a leading minus as descending', () => {
    expect(parseOrdering('title')).toEqual({ field: 'title', descending: false });
    expect(parseOrdering('-created_at')).toEqual({ field: 'created_at', descending: true });
  });
});
