/**
 * Top-k ranking metrics with binary relevance, in their standard definitions. `ranked` is a list in
 * the order served (best first); `relevant` the items the user went on to like. A relevant item that
 * appears more than once in `ranked` counts at its first position only. With no relevant item every
 * metric is 0 (the evaluation leaves such users out of its means).
 */

/** Gain of a hit at 0-based position i: 1 / log2(i + 2). */
const discount = (position: number) => 1 / Math.log2(position + 2);

/** The 0-based positions, within the first k, of the first occurrence of each relevant item. */
function hitPositions<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number[] {
  const seen = new Set<T>();
  const positions: number[] = [];
  for (let position = 0; position < Math.min(k, ranked.length); position += 1) {
    const item = ranked[position];
    if (relevant.has(item) && !seen.has(item)) positions.push(position);
    seen.add(item);
  }
  return positions;
}

/**
 * NDCG@k = DCG@k / IDCG@k, DCG@k = Σ over hits at 0-based position i < k of 1 / log2(i + 2), and
 * IDCG@k the DCG of a perfect list: min(k, |relevant|) hits in the first positions.
 */
export function ndcgAtK<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  if (relevant.size === 0) return 0;
  const dcg = hitPositions(ranked, relevant, k).reduce((sum, position) => sum + discount(position), 0);
  let idcg = 0;
  for (let position = 0; position < Math.min(k, relevant.size); position += 1) idcg += discount(position);
  return dcg / idcg;
}

/** Recall@k = relevant items within the first k / |relevant|. */
export function recallAtK<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  if (relevant.size === 0) return 0;
  return hitPositions(ranked, relevant, k).length / relevant.size;
}

/** HitRate@k = 1 when at least one relevant item is within the first k, else 0. */
export function hitRateAtK<T>(ranked: readonly T[], relevant: ReadonlySet<T>, k: number): number {
  return hitPositions(ranked, relevant, k).length > 0 ? 1 : 0;
}
