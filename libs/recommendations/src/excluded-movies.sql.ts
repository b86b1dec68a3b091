/**
 * The one home of "never recommend these to the user", for every strategy: as the body of a CTE with
 * one column, `movie_id`. Seen (rated or watched), on the watchlist (already chosen) or marked not
 * interested (SPEC.md sections 4 and 11); each part reads the user's own index entries.
 * `userParameter` is the placeholder holding the user id, e.g. `$1`.
 */
export function excludedMoviesSql(userParameter: string): string {
  return `SELECT movie_id FROM ratings WHERE user_id = ${userParameter}
  UNION ALL SELECT movie_id FROM watch_history WHERE user_id = ${userParameter}
  UNION ALL SELECT movie_id FROM watchlist_entries WHERE user_id = ${userParameter}
  UNION ALL SELECT movie_id FROM hidden_movies WHERE user_id = ${userParameter}`;
}
