import {
  Column,
  CreateDateColumn,
  Entity,
  JoinTable,
  ManyToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Genre } from '@app/genres';

/** PostgreSQL `bigint` arrives as a string; these counters stay far below 2^53. */
const bigintAsNumber = {
  to: (value: number) => value,
  from: (value: string | null) => (value === null ? 0 : Number(value)),
};

@Entity({ name: 'movies' })
export class Movie {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 255 })
  title: string;

  @Column({ type: 'text', default: '' })
  description: string;

  /** `YYYY-MM-DD`; null only for imported titles without a known year. */
  @Column({ name: 'release_date', type: 'date', nullable: true })
  releaseDate: string | null;

  /** Minutes. */
  @Column({ type: 'integer', nullable: true })
  duration: number | null;

  /** Comma-separated names (the original's wire format). `cast` is an SQL keyword, hence the column name. */
  @Column({ name: 'cast_members', type: 'text', default: '' })
  cast: string;

  @Column({ type: 'varchar', length: 255, default: '' })
  director: string;

  @Column({ type: 'varchar', length: 100, default: '' })
  language: string;

  @Column({ type: 'varchar', length: 100, default: '' })
  country: string;

  @ManyToMany(() => Genre)
  @JoinTable({ name: 'movie_genres', joinColumn: { name: 'movie_id' }, inverseJoinColumn: { name: 'genre_id' } })
  genres: Relation<Genre[]>;

  @Column({ name: 'movielens_id', type: 'integer', nullable: true })
  movielensId: number | null;

  @Column({ name: 'imdb_id', type: 'varchar', length: 16, nullable: true })
  imdbId: string | null;

  @Column({ name: 'tmdb_id', type: 'integer', nullable: true })
  tmdbId: number | null;

  // Aggregates: changed only by atomic SQL in the ratings lib, never written through the entity.
  @Column({ name: 'rating_sum', type: 'bigint', default: 0, transformer: bigintAsNumber, insert: false, update: false })
  ratingSum: number;

  @Column({ name: 'rating_count', type: 'integer', default: 0, insert: false, update: false })
  ratingCount: number;

  @Column({ name: 'watch_count', type: 'integer', default: 0, insert: false, update: false })
  watchCount: number;

  @Column({
    name: 'average_rating',
    type: 'double precision',
    generatedType: 'STORED',
    asExpression: 'CASE WHEN rating_count = 0 THEN 0 ELSE rating_sum::double precision / rating_count END',
    insert: false,
    update: false,
  })
  averageRating: number;

  @Column({ name: 'popularity_score', type: 'double precision', default: 0, insert: false, update: false })
  popularityScore: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
