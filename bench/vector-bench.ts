/**
 * Exact (brute-force) cosine search against hnswlib-node over random unit vectors:
 * build time, query time, and recall@10 across efSearch. Random vectors have no
 * cluster structure, the hardest case for a graph index, so real embeddings recall
 * at least as well at the same efSearch.
 */
import hnswlib from 'hnswlib-node';
import { seededRandom } from './prng.js';
import { msSince, quantile } from './stats.js';

export const DIMS = 384;
const K = 10;
const QUERIES = 100;
export const EF_SWEEP = [10, 20, 40, 80, 160, 320];
/** The project's defaults (config.ts: HNSW_M, HNSW_EF_CONSTRUCTION). */
const M = 16;
const EF_CONSTRUCTION = 200;

export interface EfPoint {
  ef: number;
  recall: number;
  queryMs: number;
}

export interface VectorMeasure {
  count: number;
  dims: number;
  exactQueryMs: number;
  hnswBuildMs: number;
  sweep: EfPoint[];
}

/** Unit vectors with Gaussian components (Box–Muller), so directions are uniform. */
function unitVectors(count: number, seed: number): Float32Array {
  const r = seededRandom(seed);
  const out = new Float32Array(count * DIMS);
  for (let i = 0; i < count; i++) {
    let norm = 0;
    for (let d = 0; d < DIMS; d++) {
      const g = Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
      out[i * DIMS + d] = g;
      norm += g * g;
    }
    const inv = 1 / Math.sqrt(norm);
    for (let d = 0; d < DIMS; d++) out[i * DIMS + d]! *= inv;
  }
  return out;
}

/** The k best by dot product (cosine, for unit vectors), scanning every vector. */
function exactTopK(data: Float32Array, count: number, q: Float32Array, k: number): number[] {
  const best: { id: number; score: number }[] = [];
  for (let i = 0; i < count; i++) {
    let dot = 0;
    const base = i * DIMS;
    for (let d = 0; d < DIMS; d++) dot += data[base + d]! * q[d]!;
    if (best.length < k || dot > best[best.length - 1]!.score) {
      best.push({ id: i, score: dot });
      best.sort((a, b) => b.score - a.score);
      if (best.length > k) best.pop();
    }
  }
  return best.map((b) => b.id);
}

export function measureVectors(count: number): VectorMeasure {
  const data = unitVectors(count, 11);
  const queries = unitVectors(QUERIES, 12);
  const query = (j: number) => queries.subarray(j * DIMS, (j + 1) * DIMS);

  const truth: number[][] = [];
  const exactTimes: number[] = [];
  for (let j = 0; j < QUERIES; j++) {
    const t0 = performance.now();
    truth.push(exactTopK(data, count, query(j), K));
    exactTimes.push(msSince(t0));
  }

  const index = new hnswlib.HierarchicalNSW('cosine', DIMS);
  const t0 = performance.now();
  index.initIndex({ maxElements: count, m: M, efConstruction: EF_CONSTRUCTION, randomSeed: 100 });
  for (let i = 0; i < count; i++)
    index.addPoint(Array.from(data.subarray(i * DIMS, (i + 1) * DIMS)), i);
  const hnswBuildMs = msSince(t0);

  const sweep = EF_SWEEP.map((ef): EfPoint => {
    index.setEf(ef);
    let hits = 0;
    const times: number[] = [];
    for (let j = 0; j < QUERIES; j++) {
      const q = Array.from(query(j));
      const t1 = performance.now();
      const { neighbors } = index.searchKnn(q, K);
      times.push(msSince(t1));
      const want = new Set(truth[j]);
      hits += neighbors.filter((n) => want.has(n)).length;
    }
    return { ef, recall: hits / (QUERIES * K), queryMs: quantile(times, 0.5) };
  });
  return { count, dims: DIMS, exactQueryMs: quantile(exactTimes, 0.5), hnswBuildMs, sweep };
}
