/**
 * A seeded pseudo-random generator, so every benchmark run builds byte-identical
 * corpora and vectors and numbers from two runs compare like with like.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /**
   * An index in [0, n) skewed towards 0 the way word frequencies are (Zipf-like,
   * exponent about 1): a few words common, a long tail rare.
   */
  zipf(n: number): number;
}

/** mulberry32: small, fast, and good enough for test data (not for anything secret). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  return {
    next,
    int,
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
    // Inverse CDF of a continuous 1/x density over [1, n + 1).
    zipf: (n: number): number =>
      Math.min(n - 1, Math.floor(Math.exp(next() * Math.log(n + 1))) - 1),
  };
}
