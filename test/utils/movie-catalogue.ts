import type { DataSource } from 'typeorm';

/**
 * Movies number `from` to `to` of a catalogue whose text comes from a small vocabulary, as real titles
 * and names do (words repeat, trigrams are few): "River Silent 3", "A golden tale of the storm river.",
 * "Actor 42, Actress 42", "Director 42". Movie `i` was created `i` minutes ago.
 */
export async function insertVocabularyMovies(db: DataSource, from: number, to: number): Promise<void> {
  await db.query(
    `
    WITH words AS (SELECT ARRAY['silent', 'river', 'night', 'golden', 'city', 'last', 'storm', 'dream',
                                'shadow', 'king', 'summer', 'broken', 'iron', 'glass', 'wild', 'heart'] AS w)
    INSERT INTO movies (title, description, release_date, cast_members, director, language, country,
                        rating_sum, rating_count, watch_count, popularity_score, created_at)
    SELECT initcap(w[1 + i % 16] || ' ' || w[1 + (i / 16) % 16]) || ' ' || (i / 256),
           'A ' || w[1 + (i / 7) % 16] || ' tale of the ' || w[1 + (i / 3) % 16] || ' ' || w[1 + i % 16] || '.',
           date '1950-01-01' + (i % 25000),
           'Actor ' || (i % 5000) || ', Actress ' || (i % 3001), 'Director ' || (i % 2000),
           (ARRAY['English', 'French', 'Japanese'])[1 + i % 3], (ARRAY['USA', 'France', 'Japan'])[1 + i % 3],
           (i % 5 + 1) * (i % 40), i % 40, i % 97, (i % 5 + 1) * 0.7 + (i % 97) * 0.3,
           now() - i * interval '1 minute'
    FROM generate_series($1::int, $2::int) i, words`,
    [from, to],
  );
}

/**
 * A 60,000-movie catalogue of vocabulary movies with 20 genres (one or two per movie), 200 users and
 * 20,000 ratings, ANALYZEd.
 */
export async function buildCatalogue(db: DataSource): Promise<void> {
  await db.query(`INSERT INTO genres (name) SELECT 'Genre ' || g FROM generate_series(1, 20) g`);
  await insertVocabularyMovies(db, 1, 60_000);
  await db.query(`
    WITH m AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM movies),
         g AS (SELECT id, row_number() OVER (ORDER BY name) AS n FROM genres)
    INSERT INTO movie_genres (movie_id, genre_id)
    SELECT m.id, g.id FROM m JOIN g ON g.n = 1 + m.n % 20
    UNION
    SELECT m.id, g.id FROM m JOIN g ON g.n = 1 + (m.n * 7 + 3) % 20 WHERE m.n % 4 = 0`);
  await db.query(
    `INSERT INTO users (username, email, password_hash)
     SELECT 'u' || i, 'u' || i || '@example.com', 'x' FROM generate_series(1, 200) i`,
  );
  await db.query(`
    WITH m AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM movies),
         u AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM users)
    INSERT INTO ratings (user_id, movie_id, score)
    SELECT u.id, m.id, 1 + (m.n + u.n) % 5 FROM m JOIN u ON u.n = 1 + m.n % 200 WHERE m.n % 3 = 0`);
  await db.query(`ANALYZE`);
}
