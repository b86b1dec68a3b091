import { invertSymmetricPositiveDefinite } from './symmetric-inverse.js';

/** The full symmetric matrix from a lower triangle. */
function symmetric(lower: Float64Array, n: number): number[][] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i >= j ? lower[i * n + j] : lower[j * n + i])),
  );
}

function multiply(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((sum, value, k) => sum + value * b[k][j], 0)));
}

describe('invertSymmetricPositiveDefinite', () => {
  it('inverts a 2×2 matrix exactly', () => {
    const inverse = invertSymmetricPositiveDefinite(new Float64Array([4, 0, 2, 3]), 2);
    // [[4, 2], [2, 3]]⁻¹ = [[3, -2], [-2, 4]] / 8
    expect(symmetric(inverse, 2).flat()).toEqual([0.375, -0.25, -0.25, 0.5].map((v) => expect.closeTo(v, 12)));
  });

  it('gives A·A⁻¹ = I for a Gram matrix plus λI', () => {
    const n = 30;
    const rows = Array.from({ length: 50 }, (_, u) =>
      Array.from({ length: n }, (_, i) => ((u * 7 + i * 13) % 5 === 0 ? 1 : 0)),
    );
    const gram = new Float64Array(n * n);
    for (let i = 0; i < n; i += 1) {
      for (let j = 0; j <= i; j += 1) gram[i * n + j] = rows.reduce((sum, row) => sum + row[i] * row[j], 0);
      gram[i * n + i] += 10;
    }
    const a = symmetric(gram, n);
    const product = multiply(a, symmetric(invertSymmetricPositiveDefinite(gram.slice(), n), n));
    product.forEach((row, i) => row.forEach((value, j) => expect(value).toBeCloseTo(i === j ? 1 : 0, 9)));
  });

  it('reports each of its 3n steps', () => {
    const steps: number[] = [];
    invertSymmetricPositiveDefinite(new Float64Array([2, 0, 0, 2]), 2, (done, total) => steps.push(done / total));
    expect(steps).toEqual([1, 2, 3, 4, 5, 6].map((done) => done / 6));
  });

  it('refuses a matrix that is not positive definite', () => {
    expect(() => invertSymmetricPositiveDefinite(new Float64Array([1, 0, 2, 1]), 2)).toThrow('not positive definite');
  });
});
