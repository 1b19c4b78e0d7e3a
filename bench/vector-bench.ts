/**
 * Exact (brute-force) cosine search against hnswlib-node on the same seeded unit vectors,
 * in one process: exact query time, then for each graph setting (M, efConstruction) its
 * build time and, over an efSearch sweep, query time and recall@10 against the exact
 * answers. The distributions are described in vector-data.ts.
 */
import hnswlib from 'hnswlib-node';
import { parseConfig } from '../src/config.js';
import { seededRandom } from './prng.js';
import { msSince, quantile } from './stats.js';
import { DIMS, exactTopK, vectorsOf, type Distribution } from './vector-data.js';

const K = 10;
/** 200 queries: recall is then known to ±0.005 or so, and the two exact passes take tens of seconds at 100K. */
const QUERIES = 200;

export interface GraphSetting {
  m: number;
  efConstruction: number;
}

/** The product's defaults (HNSW_M, HNSW_EF_CONSTRUCTION, HNSW_EF_SEARCH), read from config.ts so they cannot drift. */
const DEFAULTS = parseConfig({});
export const PRODUCT_GRAPH: GraphSetting = {
  m: DEFAULTS.HNSW_M,
  efConstruction: DEFAULTS.HNSW_EF_CONSTRUCTION,
};
export const PRODUCT_EF_SEARCH = DEFAULTS.HNSW_EF_SEARCH;
/** Powers of two around the product's default, plus it if it is not one of them. */
export const EF_SWEEP = [...new Set([10, 16, 32, 64, 128, 256, 512, PRODUCT_EF_SEARCH])].sort(
  (a, b) => a - b,
);

export interface EfPoint {
  ef: number;
  recall: number;
  /** Median over the queries. */
  queryMs: number;
}

export interface GraphMeasure extends GraphSetting {
  buildMs: number;
  sweep: EfPoint[];
}

/** How far apart the points are, so a reader can compare the distribution with real embeddings. */
export interface CosineStats {
  /** Mean cosine of random pairs of indexed vectors. */
  randomPair: number;
  /** Mean over the queries of the cosine to the nearest and to the 10th nearest. */
  nearest: number;
  tenth: number;
}

export interface VectorMeasure {
  distribution: Distribution;
  count: number;
  dims: number;
  queries: number;
  exactQueryMs: number;
  cosines: CosineStats;
  graphs: GraphMeasure[];
}

/** "16x200,32x200" → settings; the bench script validates before a worker sees it. */
export function parseGraphs(list: string): GraphSetting[] | undefined {
  const settings = list.split(',').map((item) => {
    const match = /^\s*(\d+)x(\d+)\s*$/.exec(item);
    return match ? { m: Number(match[1]), efConstruction: Number(match[2]) } : undefined;
  });
  return settings.every(
    (s): s is GraphSetting => s !== undefined && s.m >= 2 && s.efConstruction >= 1,
  )
    ? settings
    : undefined;
}

export function measureVectors(
  distribution: Distribution,
  count: number,
  graphs: readonly GraphSetting[],
): VectorMeasure {
  // Different seeds: the queries are new points from the same distribution, not indexed ones.
  const data = vectorsOf(distribution, count, 11);
  const queries = vectorsOf(distribution, QUERIES, 12);
  const query = (j: number) => queries.subarray(j * DIMS, (j + 1) * DIMS);

  // Warm-up, so the first timed scans are not running unoptimized code.
  for (let j = 0; j < 3; j++) exactTopK(data, DIMS, query(j), K);
  const truth: Set<number>[] = [];
  const exactTimes: number[] = [];
  let nearest = 0;
  let tenth = 0;
  for (let j = 0; j < QUERIES; j++) {
    const t0 = performance.now();
    const top = exactTopK(data, DIMS, query(j), K);
    exactTimes.push(msSince(t0));
    truth.push(new Set(top.map((n) => n.id)));
    nearest += top[0]!.score;
    tenth += top[top.length - 1]!.score;
  }
  /** A second timed pass after the graphs: on a shared machine the load drifts over minutes. */
  const timeExactAgain = (): void => {
    for (let j = 0; j < QUERIES; j++) {
      const t0 = performance.now();
      exactTopK(data, DIMS, query(j), K);
      exactTimes.push(msSince(t0));
    }
  };
  const r = seededRandom(13);
  let pairs = 0;
  const PAIRS = 2000;
  for (let p = 0; p < PAIRS; p++) {
    const a = r.int(count) * DIMS;
    const b = r.int(count) * DIMS;
    for (let d = 0; d < DIMS; d++) pairs += data[a + d]! * data[b + d]!;
  }
  const cosines = { randomPair: pairs / PAIRS, nearest: nearest / QUERIES, tenth: tenth / QUERIES };

  // hnswlib-node takes plain arrays; converting the queries up front keeps that out of the timing.
  const queryArrays = Array.from({ length: QUERIES }, (_, j) => Array.from(query(j)));
  const measured = graphs.map((g): GraphMeasure => {
    const index = new hnswlib.HierarchicalNSW('cosine', DIMS);
    const t0 = performance.now();
    index.initIndex({
      maxElements: count,
      m: g.m,
      efConstruction: g.efConstruction,
      randomSeed: 100,
    });
    for (let i = 0; i < count; i++)
      index.addPoint(Array.from(data.subarray(i * DIMS, (i + 1) * DIMS)), i);
    const buildMs = msSince(t0);
    const sweep = EF_SWEEP.map((ef): EfPoint => {
      index.setEf(ef);
      let hits = 0;
      const times: number[] = [];
      for (let j = 0; j < QUERIES; j++) {
        const t1 = performance.now();
        const { neighbors } = index.searchKnn(queryArrays[j]!, K);
        times.push(msSince(t1));
        hits += neighbors.filter((n) => truth[j]!.has(n)).length;
      }
      return { ef, recall: hits / (QUERIES * K), queryMs: quantile(times, 0.5) };
    });
    return { ...g, buildMs, sweep };
  });
  timeExactAgain();
  return {
    distribution,
    count,
    dims: DIMS,
    queries: QUERIES,
    exactQueryMs: quantile(exactTimes, 0.5),
    cosines,
    graphs: measured,
  };
}
