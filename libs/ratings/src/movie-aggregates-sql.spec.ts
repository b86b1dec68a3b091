import { DataSource } from 'typeorm';
import { positionalSql } from '@app/core';
import {
  countedTotalsSql,
  incrementAggregatesSql,
  rewriteAggregatesSql,
  weightParameters,
} from './movie-aggregates-sql.js';

const dataSource = new DataSource({ type: 'postgres' });
const weights = weightParameters({ rating: 0.7, watch: 0.3 });

describe('movie aggregates SQL', () => {
  it('binds the popularity weights by name wherever a statement uses them', () => {
    const sql = incrementAggregatesSql({ movieId: ':movieId', ratingSum: ':score', ratingCount: '1', watchCount: '0' });
    const [text, values] = positionalSql(dataSource, sql, { movieId: 'm', score: 4, ...weights });
    expect(values).toEqual([4, 0.7, 0.3, 'm']);
    expect(text).toContain('rating_sum = rating_sum + $1');
    expect(text).toContain('WHERE id = $4 RETURNING title');
  });

  it('rebuilds all movies or only the listed ones with the same statement', () => {
    expect(positionalSql(dataSource, rewriteAggregatesSql(countedTotalsSql()), weights)[1]).toEqual([0.7, 0.3]);
    const [scoped, values] = positionalSql(dataSource, rewriteAggregatesSql(countedTotalsSql(true)), {
      movieIds: ['a'],
      ...weights,
    });
    expect(values).toEqual([['a'], 0.7, 0.3]);
    expect(scoped.match(/= ANY \(\$1::uuid\[\]\)/g)).toHaveLength(3);
  });
});
