import { parseLinkRow, parseMovieRow, parseRatingRow, roundUpStars, splitTitleYear } from './movielens-rows.js';

describe('MovieLens rows', () => {
  it.each([
    [0.5, 1],
    [1, 1],
    [2.5, 3],
    [3.5, 4],
    [4.5, 5],
    [5, 5],
  ])('rounds %f stars up to %i', (rating, score) => {
    expect(roundUpStars(rating)).toBe(score);
  });

  it('splits the year off a GroupLens title', () => {
    expect(splitTitleYear('Toy Story (1995)')).toEqual({ title: 'Toy Story', year: 1995 });
    expect(splitTitleYear('Babylon 5 (1994-1998)')).toEqual({ title: 'Babylon 5', year: 1994 });
    expect(splitTitleYear('Untitled')).toEqual({ title: 'Untitled', year: null });
  });

  it('reads both movies.csv formats', () => {
    expect(parseMovieRow({ movieId: '1', title: 'Toy Story (1995)', genres: 'Animation|Children' })).toEqual({
      ok: true,
      value: { movielensId: 1, title: 'Toy Story', releaseDate: '1995-01-01', genres: ['Animation', 'Children'] },
    });
    expect(parseMovieRow({ movieId: '2', title: 'Jumanji', year: '1995', genres: '(no genres listed)' })).toEqual({
      ok: true,
      value: { movielensId: 2, title: 'Jumanji', releaseDate: '1995-01-01', genres: [] },
    });
  });

  it('names a movie without a title after its id and keeps it without a date', () => {
    expect(parseMovieRow({ movieId: '108548', title: '', year: '', genres: 'Comedy|comedy' })).toEqual({
      ok: true,
      value: { movielensId: 108548, title: 'MovieLens movie 108548', releaseDate: null, genres: ['comedy'] },
    });
  });

  it('refuses a movie row with a bad id or year', () => {
    expect(parseMovieRow({ movieId: 'x1', title: 'A', genres: '' })).toEqual({
      ok: false,
      message: 'movieId "x1" is not a positive integer',
    });
    expect(parseMovieRow({ movieId: '1', title: 'A', year: '95', genres: '' })).toEqual({
      ok: false,
      message: 'year "95" is not a four-digit year',
    });
  });

  it('reads a rating and refuses bad numbers', () => {
    expect(parseRatingRow({ userId: '1', movieId: '31', rating: '2.5', timestamp: '1260759144' })).toEqual({
      ok: true,
      value: { userId: 1, movieId: 31, score: 3, timestamp: 1260759144 },
    });
    expect(parseRatingRow({ userId: '1', movieId: '31', rating: 'four', timestamp: '1' })).toEqual({
      ok: false,
      message: 'rating "four" is not a number between 0.5 and 5',
    });
    expect(parseRatingRow({ userId: '1', movieId: '31', rating: '0', timestamp: '1' })).toMatchObject({ ok: false });
    expect(parseRatingRow({ userId: '1', movieId: '31', rating: '5.5', timestamp: '1' })).toMatchObject({ ok: false });
    expect(parseRatingRow({ userId: '-1', movieId: '31', rating: '3', timestamp: '1' })).toEqual({
      ok: false,
      message: 'userId "-1" is not a positive integer',
    });
    expect(parseRatingRow({ userId: '1', movieId: '31', rating: '3', timestamp: '12:00' })).toEqual({
      ok: false,
      message: 'timestamp "12:00" is not a Unix time in seconds',
    });
  });

  it('reads a link with or without a TMDb id', () => {
    expect(parseLinkRow({ movieId: '1', imdbId: '0114709', tmdbId: '862' })).toEqual({
      ok: true,
      value: { movieId: 1, imdbId: 'tt0114709', tmdbId: 862 },
    });
    expect(parseLinkRow({ movieId: '1', imdbId: '0114709', tmdbId: '' })).toEqual({
      ok: true,
      value: { movieId: 1, imdbId: 'tt0114709', tmdbId: null },
    });
  });
});
