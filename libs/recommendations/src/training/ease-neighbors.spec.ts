import { CoOccurrences, easeNeighbors } from './ease-neighbors.js';

const history = (...items: number[]) => Int32Array.from(items);

describe('CoOccurrences', () => {
  it('counts each pair of a history once in the lower triangle, and each movie on the diagonal', () => {
    const gram = new CoOccurrences(3);
    gram.addHistory(history(2, 0), 2);
    gram.addHistory(history(0, 1, 2), 2); // only the first two count
    expect(Array.from(gram.matrix)).toEqual([2, 0, 0, 1, 1, 0, 1, 0, 1]);
  });
});

describe('easeNeighbors', () => {
  /** Two tastes: movies 0-2 go together, 3-4 go together, and nobody mixes them. */
  function twoTastes(): CoOccurrences {
    const gram = new CoOccurrences(5);
    for (let user = 0; user < 20; user += 1) gram.addHistory(history(0, 1, 2), 3);
    for (let user = 0; user < 20; user += 1) gram.addHistory(history(3, 4), 2);
    gram.addHistory(history(0, 1), 2);
    return gram;
  }

  it("keeps each movie's positive weights, strongest first, never the movie itself", () => {
    const lists = easeNeighbors(twoTastes(), { lambda: 1, k: 10 });
    const neighboursOf = (movie: number) =>
      Array.from(lists.neighbors.subarray(lists.offsets[movie], lists.offsets[movie + 1]));
    expect(neighboursOf(0).sort()).toEqual([1, 2]);
    expect(neighboursOf(3)).toEqual([4]);
    expect(neighboursOf(4)).toEqual([3]);
    for (let movie = 0; movie < 5; movie += 1) {
      const weights = Array.from(lists.weights.subarray(lists.offsets[movie], lists.offsets[movie + 1]));
      expect(weights.every((weight) => weight > 0)).toBe(true);
      expect(weights).toEqual([...weights].sort((a, b) => b - a));
    }
  });

  it('ranks the movie seen together more often higher (0 goes with 1 more than with 2)', () => {
    const lists = easeNeighbors(twoTastes(), { lambda: 1, k: 10 });
    expect(lists.neighbors[lists.offsets[0]]).toBe(1);
  });

  it('keeps at most k neighbours per movie', () => {
    const lists = easeNeighbors(twoTastes(), { lambda: 1, k: 1 });
    expect(Array.from(lists.offsets)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('shrinks the weights as lambda grows', () => {
    const weak = easeNeighbors(twoTastes(), { lambda: 100, k: 10 });
    const strong = easeNeighbors(twoTastes(), { lambda: 1, k: 10 });
    expect(weak.weights[weak.offsets[3]]).toBeLessThan(strong.weights[strong.offsets[3]]);
  });
});
