import { DataSource } from 'typeorm';
import { positionalSql } from './named-parameters.js';

// The PostgreSQL driver is only asked to rewrite text: no connection is made.
const dataSource = new DataSource({ type: 'postgres' });

describe('positionalSql', () => {
  it('numbers the names in order of first use and reuses the number of a repeated name', () => {
    expect(
      positionalSql(dataSource, 'SELECT :b::int + :a, :b::bigint WHERE id = :id', { id: 'x', a: 1, b: 2 }),
    ).toEqual(['SELECT $1::int + $2, $1::bigint WHERE id = $3', [2, 1, 'x']]);
  });

  it('gives the same text for the same statement whatever the values', () => {
    const [first] = positionalSql(dataSource, 'SELECT :a, :b', { a: 1, b: 'x' });
    const [second] = positionalSql(dataSource, 'SELECT :a, :b', { b: null, a: [1, 2] });
    expect(second).toBe(first);
  });

  it('leaves casts and string literals with colons alone', () => {
    expect(positionalSql(dataSource, `SELECT :a::uuid::text || ':' || 'x'`, { a: 'u' })).toEqual([
      `SELECT $1::uuid::text || ':' || 'x'`,
      ['u'],
    ]);
  });

  it('refuses a placeholder without a value', () => {
    expect(() => positionalSql(dataSource, 'SELECT :a, :typo', { a: 1 })).toThrow('SQL parameter :typo has no value');
  });

  it('refuses a value the statement does not use', () => {
    expect(() => positionalSql(dataSource, 'SELECT :a', { a: 1, ab: 2 })).toThrow(
      'SQL parameters not used by the statement: ab',
    );
  });
});
