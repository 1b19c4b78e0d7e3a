/**
 * Approximate nearest neighbours over passage embeddings (hnswlib, cosine space).
 * Passage ids are positions: the i-th vector given to `build` is passage i.
 */
import hnswlib from 'hnswlib-node';
import { writeAtomicWith } from './atomic.js';

export interface HnswParams {
  /** Graph degree: higher recalls better and costs memory. */
  m: number;
  efConstruction: number;
  /** Candidate list size at query time (raised to k when smaller). */
  efSearch: number;
}

export interface VectorHit {
  id: number;
  /** Cosine similarity in [-1, 1], 1 for the same direction (clamped: float error can overshoot). */
  score: number;
}

/** Fixed, so the same vectors always give the same graph (and the same saved bytes). */
const RANDOM_SEED = 100;

export class VectorIndex {
  private constructor(
    private readonly index: hnswlib.HierarchicalNSW,
    readonly dims: number,
    private readonly count: number,
  ) {}

  static build(vectors: Float32Array[], dims: number, params: HnswParams): VectorIndex {
    const index = new hnswlib.HierarchicalNSW('cosine', dims);
    // hnswlib refuses a capacity of 0; an empty corpus still gets a (searchable, empty) index.
    index.initIndex({
      maxElements: Math.max(1, vectors.length),
      m: params.m,
      efConstruction: params.efConstruction,
      randomSeed: RANDOM_SEED,
    });
    vectors.forEach((v, id) => {
      if (v.length !== dims)
        throw new RangeError(`vector ${id} has ${v.length} dimensions, expected ${dims}`);
      index.addPoint(Array.from(v), id);
    });
    index.setEf(params.efSearch);
    return new VectorIndex(index, dims, vectors.length);
  }

  /** Reads an index written by `save`; `count` (from the manifest) guards against a stale file. */
  static async load(
    file: string,
    dims: number,
    count: number,
    params: HnswParams,
  ): Promise<VectorIndex> {
    const index = new hnswlib.HierarchicalNSW('cosine', dims);
    await index.readIndex(file);
    if (index.getNumDimensions() !== dims || index.getCurrentCount() !== count) {
      throw new Error(
        `vector index ${file} holds ${index.getCurrentCount()} vectors of ${index.getNumDimensions()} dimensions, ` +
          `expected ${count} of ${dims}`,
      );
    }
    index.setEf(params.efSearch);
    return new VectorIndex(index, dims, count);
  }

  get size(): number {
    return this.count;
  }

  /**
   * The k nearest passages, best first; only those in `within` when given (one article's),
   * filtered inside the graph search so a small article still gets its k nearest.
   */
  search(query: Float32Array, k: number, within?: ReadonlySet<number>): VectorHit[] {
    if (query.length !== this.dims) {
      throw new RangeError(`query has ${query.length} dimensions, expected ${this.dims}`);
    }
    const n = Math.min(Math.floor(k), this.count, within?.size ?? Infinity);
    if (n <= 0) return [];
    const { neighbors, distances } = within
      ? this.index.searchKnn(Array.from(query), n, (id) => within.has(id))
      : this.index.searchKnn(Array.from(query), n);
    return neighbors
      .map((id, i) => ({ id, score: Math.max(-1, Math.min(1, 1 - (distances[i] ?? 1))) }))
      .sort((a, b) => b.score - a.score || a.id - b.id);
  }

  /** Written beside the target and renamed, so a crash never leaves a half-written index. */
  async save(file: string): Promise<void> {
    await writeAtomicWith(file, (tmp) => this.index.writeIndex(tmp).then(() => undefined));
  }
}
