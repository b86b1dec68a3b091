import { computeGenreQuotas, type LikedGenre } from './recommendation-quotas.js';

const genre = (name: string, likedCount: number): LikedGenre => ({ genreId: `id-${name}`, name, likedCount });
const quotasOf = (genres: LikedGenre[], liked: number, size: number) =>
  computeGenreQuotas(genres, liked, size).map(({ name, weight, quota }) => ({ name, weight, quota }));

describe('computeGenreQuotas', () => {
  it('gives the README example 10 liked, 5 Action, 3 Comedy, 2 Horror the quotas 10, 6, 4', () => {
    expect(quotasOf([genre('Action', 5), genre('Comedy', 3), genre('Horror', 2)], 10, 20)).toEqual([
      { name: 'Action', weight: 0.5, quota: 10 },
      { name: 'Comedy', weight: 0.3, quota: 6 },
      { name: 'Horror', weight: 0.2, quota: 4 },
    ]);
  });

  it('gives a single liked genre the whole list', () => {
    expect(quotasOf([genre('Drama', 7)], 7, 20)).toEqual([{ name: 'Drama', weight: 1, quota: 20 }]);
  });

  it('counts a movie in three genres for each of them', () => {
    expect(quotasOf([genre('Action', 1), genre('Comedy', 1), genre('Horror', 1)], 1, 20)).toEqual([
      { name: 'Action', weight: 1, quota: 20 },
      { name: 'Comedy', weight: 1, quota: 20 },
      { name: 'Horror', weight: 1, quota: 20 },
    ]);
  });

  it('raises a quota whose floor is 0 to 1', () => {
    expect(quotasOf([genre('Drama', 40), genre('Western', 1)], 40, 20)).toEqual([
      { name: 'Drama', weight: 1, quota: 20 },
      { name: 'Western', weight: 0.025, quota: 1 },
    ]);
  });

  it('scales with a list size other than 20', () => {
    expect(quotasOf([genre('Action', 5), genre('Comedy', 3), genre('Horror', 2)], 10, 7)).toEqual([
      { name: 'Action', weight: 0.5, quota: 3 },
      { name: 'Comedy', weight: 0.3, quota: 2 },
      { name: 'Horror', weight: 0.2, quota: 1 },
    ]);
  });

  it('floors on exact integers where floating point would not (3 of 10 with N = 10 is 3, not 2)', () => {
    expect(quotasOf([genre('Comedy', 3)], 10, 10)).toEqual([{ name: 'Comedy', weight: 0.3, quota: 3 }]);
  });

  it('gives no quota to a user without liked movies', () => {
    expect(quotasOf([], 0, 20)).toEqual([]);
  });
});
