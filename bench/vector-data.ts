/**
 * Seeded test vectors for the vector benchmark, and the exact search it compares against.
 *
 * Two distributions, both of unit vectors in DIMS dimensions:
 * - `uniform`: directions uniform on the sphere. In 384 dimensions such points are nearly
 *   equidistant (every cosine is within a few hundredths of 0), so a query's true ten
 *   nearest are barely nearer than the rest. No graph index does well on this; it is the
 *   stated worst case, not what embeddings look like.
 * - `clustered`: shaped like sentence embeddings, which occupy a low-dimensional, lumpy
 *   part of the space: texts fall into topics, topics differ along a few dozen directions
 *   that matter most, and every vector shares a common component (sentence-embedding
 *   models are anisotropic: unrelated sentences still score a cosine above 0). See
 *   `clusteredVectors` for the recipe. It is an assumed shape, not fitted to a real model
 *   (none is available offline here); the benchmark prints its cosine statistics so the
 *   assumption can be checked against real embeddings.
 */
import { seededRandom, type Random } from './prng.js';

export const DIMS = 384;

export const DISTRIBUTIONS = ['uniform', 'clustered'] as const;
export type Distribution = (typeof DISTRIBUTIONS)[number];

/** Standard normal by Box–Muller (1 - next() keeps log away from 0). */
function gaussian(r: Random): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}

function normalizeRows(out: Float32Array, count: number, dims: number): void {
  for (let i = 0; i < count; i++) {
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += out[i * dims + d]! ** 2;
    const inv = 1 / Math.sqrt(norm);
    for (let d = 0; d < dims; d++) out[i * dims + d]! *= inv;
  }
}

/** Unit vectors with Gaussian components, so directions are uniform on the sphere. */
export function uniformVectors(count: number, seed: number, dims = DIMS): Float32Array {
  const r = seededRandom(seed);
  const out = new Float32Array(count * dims);
  for (let i = 0; i < out.length; i++) out[i] = gaussian(r);
  normalizeRows(out, count, dims);
  return out;
}

/** The recipe's knobs; the defaults are what the benchmark runs. */
export interface ClusterShape {
  /** Topics. */
  centers: number;
  /** Directions the topics and the texts within them vary along (the intrinsic dimension). */
  subspace: number;
  /** Spread of a text around its topic centre, relative to the spread of the centres. */
  withinCluster: number;
  /** Isotropic noise over all DIMS directions, as a fraction of the signal's norm. */
  ambientNoise: number;
  /** Weight of the component every vector shares (the anisotropy), relative to the signal. */
  commonComponent: number;
}

export const CLUSTER_SHAPE: ClusterShape = {
  centers: 300,
  subspace: 48,
  withinCluster: 0.8,
  ambientNoise: 0.6,
  commonComponent: 0.45,
};

/**
 * The fixed part of the clustered distribution (subspace, topic centres, common direction),
 * drawn from its own seed so the indexed set and the queries share it while their points
 * come from different seeds: queries are new texts on the same topics, not indexed points.
 */
interface ClusterModel {
  shape: ClusterShape;
  dims: number;
  /** shape.subspace orthonormal rows of `dims` each. */
  basis: Float64Array;
  /** shape.centers rows of shape.subspace latent coordinates. */
  centers: Float64Array;
  /** Per latent direction: how much it varies, falling off like an embedding's spectrum. */
  scale: Float64Array;
  common: Float64Array;
}

function clusterModel(shape: ClusterShape, dims: number): ClusterModel {
  const r = seededRandom(0xc1a55);
  const s = shape.subspace;
  // Gram–Schmidt on Gaussian rows: a random s-dimensional subspace of R^dims.
  const basis = new Float64Array(s * dims);
  for (let j = 0; j < s; j++) {
    const row = basis.subarray(j * dims, (j + 1) * dims);
    for (let d = 0; d < dims; d++) row[d] = gaussian(r);
    for (let p = 0; p < j; p++) {
      const prev = basis.subarray(p * dims, (p + 1) * dims);
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += row[d]! * prev[d]!;
      for (let d = 0; d < dims; d++) row[d]! -= dot * prev[d]!;
    }
    let norm = 0;
    for (let d = 0; d < dims; d++) norm += row[d]! ** 2;
    for (let d = 0; d < dims; d++) row[d]! /= Math.sqrt(norm);
  }
  // Variance falling as 1/(j+1): a few directions carry most of the difference between
  // texts, as in the eigenvalue spectrum of real sentence embeddings. Scaled so the latent
  // vector's expected squared norm is 1.
  const scale = new Float64Array(s);
  let total = 0;
  for (let j = 0; j < s; j++) total += 1 / (j + 1);
  for (let j = 0; j < s; j++) scale[j] = Math.sqrt(1 / (j + 1) / total);
  const centers = new Float64Array(shape.centers * s);
  for (let c = 0; c < shape.centers; c++)
    for (let j = 0; j < s; j++) centers[c * s + j] = gaussian(r) * scale[j]!;
  const common = new Float64Array(dims);
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += (common[d] = gaussian(r)) ** 2;
  for (let d = 0; d < dims; d++) common[d]! /= Math.sqrt(norm);
  return { shape, dims, basis, centers, scale, common };
}

/**
 * Unit vectors shaped like sentence embeddings: each picks a topic (Zipf-skewed, as some
 * topics are far more common than others), adds its own offset around the topic centre
 * in the same low-dimensional subspace (anisotropic, per `scale`), is projected to `dims`,
 * gets isotropic noise in every direction (real embeddings are full rank, just with most
 * variance in few directions) and the shared component, and is normalized.
 */
export function clusteredVectors(
  count: number,
  seed: number,
  shape: ClusterShape = CLUSTER_SHAPE,
  dims = DIMS,
): Float32Array {
  const model = clusterModel(shape, dims);
  const r = seededRandom(seed);
  const s = shape.subspace;
  const out = new Float32Array(count * dims);
  const latent = new Float64Array(s);
  // Ambient noise per component so that its norm is `ambientNoise` × the latent's (≈ 1).
  const noise = shape.ambientNoise / Math.sqrt(dims);
  for (let i = 0; i < count; i++) {
    const c = r.zipf(shape.centers);
    for (let j = 0; j < s; j++)
      latent[j] = model.centers[c * s + j]! + shape.withinCluster * gaussian(r) * model.scale[j]!;
    const row = out.subarray(i * dims, (i + 1) * dims);
    for (let d = 0; d < dims; d++)
      row[d] = shape.commonComponent * model.common[d]! + noise * gaussian(r);
    for (let j = 0; j < s; j++) {
      const b = model.basis.subarray(j * dims, (j + 1) * dims);
      const w = latent[j]!;
      for (let d = 0; d < dims; d++) row[d]! += w * b[d]!;
    }
  }
  normalizeRows(out, count, dims);
  return out;
}

export function vectorsOf(
  distribution: Distribution,
  count: number,
  seed: number,
  dims = DIMS,
): Float32Array {
  return distribution === 'uniform'
    ? uniformVectors(count, seed, dims)
    : clusteredVectors(count, seed, CLUSTER_SHAPE, dims);
}

export interface Neighbour {
  id: number;
  score: number;
}

/**
 * The k vectors with the largest dot product with `query` (cosine, for unit vectors),
 * best first, ties to the lower id, by scanning all of them: the baseline HNSW is measured
 * against, so it is written to be fast. Four rows share each load of a query component
 * (fewer loads per multiply), the query is held as float64 (V8 then needs no float32→64
 * conversion of it in the inner loop), and the top k is kept in two small typed arrays with
 * an insertion step that runs only when a score beats the current k-th, which after the
 * first few thousand rows is rare. On a 2-core machine it scans 100,000 × 384 in about the
 * time it takes to read the 150 MB, so a speedup over it is not an artefact of a slow loop.
 */
export function exactTopK(
  data: Float32Array,
  dims: number,
  query: Float32Array,
  k: number,
): Neighbour[] {
  const count = Math.floor(data.length / dims);
  const q = Float64Array.from(query);
  const n = Math.min(k, count);
  const ids = new Int32Array(n).fill(-1);
  const scores = new Float64Array(n).fill(-Infinity);
  let filled = 0;
  let worst = -Infinity;
  const offer = (id: number, score: number): void => {
    // Strictly greater: an equal score arrived later, so it has the higher id and loses the tie.
    if (filled === n && !(score > worst)) return;
    let at = filled < n ? filled++ : n - 1;
    while (at > 0 && scores[at - 1]! < score) {
      scores[at] = scores[at - 1]!;
      ids[at] = ids[at - 1]!;
      at--;
    }
    scores[at] = score;
    ids[at] = id;
    if (filled === n) worst = scores[n - 1]!;
  };
  let i = 0;
  for (; i + 4 <= count; i += 4) {
    const b0 = i * dims;
    const b1 = b0 + dims;
    const b2 = b1 + dims;
    const b3 = b2 + dims;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let d = 0; d < dims; d++) {
      const qd = q[d]!;
      s0 += data[b0 + d]! * qd;
      s1 += data[b1 + d]! * qd;
      s2 += data[b2 + d]! * qd;
      s3 += data[b3 + d]! * qd;
    }
    if (s0 > worst) offer(i, s0);
    if (s1 > worst) offer(i + 1, s1);
    if (s2 > worst) offer(i + 2, s2);
    if (s3 > worst) offer(i + 3, s3);
  }
  for (; i < count; i++) {
    let s = 0;
    const b = i * dims;
    for (let d = 0; d < dims; d++) s += data[b + d]! * q[d]!;
    if (s > worst || filled < n) offer(i, s);
  }
  return Array.from({ length: filled }, (_, j) => ({ id: ids[j]!, score: scores[j]! }));
}
