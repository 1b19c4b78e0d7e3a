/**
 * The vector benchmark's exact baseline must return the true top k (its recall figures are
 * measured against it), and its generators must be deterministic and give unit vectors.
 * Correctness only: the benchmark's timings are not asserted anywhere.
 */
import { describe, expect, it } from 'vitest';
import { goalVerdict } from '../bench/report.js';
import type { VectorMeasure } from '../bench/vector-bench.js';
import { clusteredVectors, exactTopK, uniformVectors, vectorsOf } from '../bench/vector-data.js';

/** The obvious way: every score in float64, sorted, ties to the lower id. */
function referenceTopK(data: Float32Array, dims: number, q: Float32Array, k: number): number[] {
  const scored: { id: number; score: number }[] = [];
  for (let i = 0; i < data.length / dims; i++) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += data[i * dims + d]! * q[d]!;
    scored.push({ id: i, score: s });
  }
  return scored
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, k)
    .map((n) => n.id);
}

describe('exactTopK', () => {
  it.each([
    ['uniform', 1003, 24],
    ['clustered', 1001, 384],
  ] as const)(
    'returns the true top 10 on %s vectors (%i of %i dims)',
    (distribution, count, dims) => {
      const data = vectorsOf(distribution, count, 1, dims);
      const queries = vectorsOf(distribution, 20, 2, dims);
      for (let j = 0; j < 20; j++) {
        const q = queries.subarray(j * dims, (j + 1) * dims);
        const got = exactTopK(data, dims, q, 10);
        expect(got.map((n) => n.id)).toEqual(referenceTopK(data, dims, q, 10));
        for (let i = 1; i < got.length; i++)
          expect(got[i]!.score).toBeLessThanOrEqual(got[i - 1]!.score);
      }
    },
  );

  it('breaks ties towards the lower id and handles k above the count', () => {
    // Rows 0..6 (not a multiple of 4, so the tail loop runs too), several identical.
    const dims = 2;
    const data = Float32Array.from([0, 1, 1, 0, 1, 0, 0.6, 0.8, 1, 0, 0, -1, 1, 0]);
    const q = Float32Array.from([1, 0]);
    expect(exactTopK(data, dims, q, 3).map((n) => n.id)).toEqual([1, 2, 4]);
    expect(exactTopK(data, dims, q, 20).map((n) => n.id)).toEqual([1, 2, 4, 6, 3, 0, 5]);
  });
});

describe('benchmark vectors', () => {
  it('are unit length and the same for the same seed', () => {
    for (const v of [uniformVectors(50, 3, 384), clusteredVectors(50, 3)]) {
      for (let i = 0; i < 50; i++) {
        let norm = 0;
        for (let d = 0; d < 384; d++) norm += v[i * 384 + d]! ** 2;
        expect(norm).toBeCloseTo(1, 5);
      }
    }
    expect(clusteredVectors(20, 3)).toEqual(clusteredVectors(20, 3));
    expect(uniformVectors(20, 3)).toEqual(uniformVectors(20, 3));
  });

  it('draw clustered queries from the indexed distribution without repeating indexed points', () => {
    const data = clusteredVectors(2000, 11);
    const queries = clusteredVectors(20, 12);
    for (let j = 0; j < 20; j++) {
      const top = exactTopK(data, 384, queries.subarray(j * 384, (j + 1) * 384), 10);
      // Near topic-mates (same cluster), but no indexed vector is the query itself.
      expect(top[0]!.score).toBeLessThan(0.999);
      expect(top[9]!.score).toBeGreaterThan(0.3);
    }
  });
});

describe('goalVerdict', () => {
  const measure = (sweep: { ef: number; recall: number; queryMs: number }[]): VectorMeasure => ({
    distribution: 'clustered',
    count: 100_000,
    dims: 384,
    queries: 200,
    exactQueryMs: 40,
    cosines: { randomPair: 0.1, nearest: 0.7, tenth: 0.6 },
    graphs: [{ m: 16, efConstruction: 200, buildMs: 1, sweep }],
  });

  it('picks the fastest setting with enough recall at 50× exact or more', () => {
    const v = goalVerdict(
      measure([
        { ef: 32, recall: 0.9, queryMs: 0.2 },
        { ef: 64, recall: 0.96, queryMs: 0.4 },
        { ef: 128, recall: 0.99, queryMs: 0.7 },
        { ef: 512, recall: 1, queryMs: 1 }, // 40×: too slow
      ]),
    );
    expect('met' in v && v.met.ef).toBe(64);
  });

  it('reports the nearest misses when nothing meets both', () => {
    const v = goalVerdict(
      measure([
        { ef: 64, recall: 0.5, queryMs: 0.4 },
        { ef: 128, recall: 0.7, queryMs: 0.7 },
        { ef: 512, recall: 0.96, queryMs: 2 },
      ]),
    );
    expect('met' in v).toBe(false);
    if (!('met' in v)) {
      expect(v.bestRecall?.ef).toBe(128);
      expect(v.bestSpeedup?.ef).toBe(512);
      expect(v.bestSpeedup?.speedup).toBe(20);
    }
  });
});
