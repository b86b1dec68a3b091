/** A small deterministic PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** `count` distinct indexes of [0, size), in pick order (a partial Fisher-Yates shuffle). */
  sample(size: number, count: number): number[] {
    const pool = Array.from({ length: size }, (_, index) => index);
    const picks: number[] = [];
    for (let i = 0; i < Math.min(count, size); i += 1) {
      const j = this.integer(i, size - 1);
      [pool[i], pool[j]] = [pool[j], pool[i]];
      picks.push(pool[i]);
    }
    return picks;
  }
}
