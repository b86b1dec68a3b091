import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One of a movie's top-K neighbours in one model version: serving scores `neighborId` by `weight`. */
@Entity({ name: 'movie_neighbors' })
export class MovieNeighbor {
  @PrimaryColumn({ name: 'model_version', type: 'integer' })
  modelVersion: number;

  @PrimaryColumn({ name: 'movie_id', type: 'uuid' })
  movieId: string;

  @PrimaryColumn({ name: 'neighbor_id', type: 'uuid' })
  neighborId: string;

  @Column({ type: 'real' })
  weight: number;
}
