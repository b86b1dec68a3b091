/** How many liked movies of the user carry one genre (step 1 of SPEC.md section 4). */
export interface LikedGenre {
  genreId: string;
  name: string;
  likedCount: number;
}

export interface GenreQuota extends LikedGenre {
  /** w_g = c_g / L. */
  weight: number;
  /** q_g = max(1, floor(w_g × N)). */
  quota: number;
}

/**
 * The proportional quota of each liked genre: weight c_g / L (a movie with several genres counts for
 * each of them) and quota max(1, floor(w_g × N)). The floor is taken on integers (c_g × N / L) so no
 * floating-point error can move a quota across a boundary.
 */
export function computeGenreQuotas(likedGenres: LikedGenre[], likedMovieCount: number, size: number): GenreQuota[] {
  if (likedMovieCount <= 0) return [];
  return likedGenres.map((genre) => ({
    ...genre,
    weight: genre.likedCount / likedMovieCount,
    quota: Math.max(1, Math.floor((genre.likedCount * size) / likedMovieCount)),
  }));
}
