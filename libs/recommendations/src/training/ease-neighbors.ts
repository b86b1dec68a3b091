import { invertSymmetricPositiveDefinite, type StepProgress } from './symmetric-inverse.js';

/**
 * Co-occurrence counts XᵀX of the modelled movies (X: users × movies, 1 where the user rated the
 * movie), lower triangle of a dense row-major n×n matrix (8n² bytes: 50 MB for 2,500 movies).
 */
export class CoOccurrences {
  readonly matrix: Float64Array;

  constructor(readonly size: number) {
    this.matrix = new Float64Array(size * size);
  }

  /** Counts every pair of one user's movies (each movie once per user, with itself on the diagonal). */
  addHistory(items: Int32Array, length: number): void {
    const { matrix, size } = this;
    for (let p = 0; p < length; p += 1) {
      const a = items[p];
      for (let q = 0; q < length; q += 1) {
        const b = items[q];
        if (b <= a) matrix[a * size + b] += 1;
      }
    }
  }
}

/** Each movie's top neighbours: row `a` is `neighbors/weights[offsets[a] .. offsets[a+1]]`, by weight descending. */
export interface NeighborLists {
  offsets: Int32Array;
  neighbors: Int32Array;
  weights: Float32Array;
}

/**
 * EASE (Steck, 2019): the item-item weights B minimising ‖X − XB‖² + λ‖B‖² with a zero diagonal
 * have the closed form P = (XᵀX + λI)⁻¹, B[a][b] = −P[a][b] / P[b][b]. Serving scores a movie b by
 * Σ over the user's movies a of B[a][b], so each movie keeps its `k` largest positive B[a][·].
 * Consumes `gram` (overwritten).
 */
export function easeNeighbors(
  gram: CoOccurrences,
  params: { lambda: number; k: number },
  onStep?: StepProgress,
): NeighborLists {
  const n = gram.size;
  const a = gram.matrix;
  for (let i = 0; i < n; i += 1) a[i * n + i] += params.lambda;
  const steps = 4 * n;
  const p = invertSymmetricPositiveDefinite(a, n, (done) => onStep?.(done, steps));
  const at = (i: number, j: number) => (i >= j ? p[i * n + j] : p[j * n + i]);

  const offsets = new Int32Array(n + 1);
  const neighbors = new Int32Array(n * params.k);
  const weights = new Float32Array(n * params.k);
  const candidates = new Int32Array(n);
  const rowWeights = new Float64Array(n);
  let written = 0;
  for (let row = 0; row < n; row += 1) {
    let count = 0;
    for (let b = 0; b < n; b += 1) {
      if (b === row) continue;
      const weight = -at(row, b) / p[b * n + b];
      if (weight > 0) {
        rowWeights[b] = weight;
        candidates[count++] = b;
      }
    }
    const top = candidates.subarray(0, count).sort((x, y) => rowWeights[y] - rowWeights[x] || x - y);
    const kept = Math.min(params.k, count);
    for (let j = 0; j < kept; j += 1) {
      neighbors[written] = top[j];
      weights[written] = rowWeights[top[j]];
      written += 1;
    }
    offsets[row + 1] = written;
    onStep?.(3 * n + row + 1, steps);
  }
  return { offsets, neighbors: neighbors.subarray(0, written), weights: weights.subarray(0, written) };
}
