import type { MovieView } from '../movie-view.js';
import { toOrdering } from '../movies.service.js';
import { roundTo2, toMovieResponse } from './movie-response.dto.js';

const view: MovieView = {
  id: 'id-1',
  title: 'Heat',
  description: 'A heist.',
  releaseDate: '1995-12-15',
  duration: 170,
  cast: 'Al Pacino',
  director: 'Michael Mann',
  language: 'English',
  country: 'USA',
  genreNames: ['Crime', 'Drama'],
  averageRating: 13 / 3,
  ratingCount: 3,
  watchCount: 5,
  popularityScore: (13 / 3) * 0.7 + 5 * 0.3,
  createdAt: new Date('2026-01-01T00:00:00Z'),
};

describe('toMovieResponse', () => {
  it('renders the wire format with rounded average and popularity', () => {
    expect(toMovieResponse(view)).toEqual({
      movie_id: 'id-1',
      title: 'Heat',
      description: 'A heist.',
      release_date: '1995-12-15',
      duration: 170,
      cast: 'Al Pacino',
      director: 'Michael Mann',
      language: 'English',
      country: 'USA',
      genre_names: ['Crime', 'Drama'],
      average_rating: 4.33,
      rating_count: 3,
      watch_count: 5,
      popularity_score: 4.53,
    });
  });

  it.each([
    [0, 0],
    [1.005, 1.01],
    [2.675, 2.68],
    [4.994999, 4.99],
    [3.5, 3.5],
  ])('rounds %p to %p', (value, rounded) => {
    expect(roundTo2(value)).toBe(rounded);
  });
});

describe('toOrdering', () => {
  it('defaults to newest first', () => {
    expect(toOrdering()).toEqual({ field: 'created_at', descending: true });
  });

  it('reads a leading minus as descending', () => {
    expect(toOrdering('title')).toEqual({ field: 'title', descending: false });
    expect(toOrdering('-popularity_score')).toEqual({ field: 'popularity_score', descending: true });
  });
});
