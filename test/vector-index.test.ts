import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VectorIndex, type HnswParams } from '../src/indexes/vector-index.js';

const params: HnswParams = { m: 16, efConstruction: 200, efSearch: 64 };
const DIMS = 24;

/** Seeded vectors (a linear congruential generator), so failures reproduce. */
function randomVectors(count: number, dims: number, seed: number): Float32Array[] {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  return Array.from({ length: count }, () => Float32Array.from({ length: dims }, next));
}

function cosine(a: Float32Array, b: Float32Array): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  });
  return ab / Math.sqrt(aa * bb);
}

function bruteForce(vectors: Float32Array[], query: Float32Array, k: number): number[] {
  return vectors
    .map((v, id) => ({ id, score: cosine(v, query) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((h) => h.id);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vector-index-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('VectorIndex', () => {
  const vectors = randomVectors(300, DIMS, 7);
  const queries = randomVectors(20, DIMS, 99);

  it('finds each stored vector first, with cosine similarity as the score', () => {
    const index = VectorIndex.build(vectors, DIMS, params);
    expect(index.size).toBe(300);
    for (const id of [0, 1, 150, 299]) {
      const [top] = index.search(vectors[id]!, 3);
      expect(top?.id).toBe(id);
      expect(top?.score).toBeCloseTo(1, 5);
    }
  });

  it('agrees with brute-force cosine ranking and scores, best first', () => {
    const index = VectorIndex.build(vectors, DIMS, params);
    for (const q of queries) {
      const hits = index.search(q, 10);
      expect(hits.map((h) => h.id)).toEqual(bruteForce(vectors, q, 10));
      for (const h of hits) expect(h.score).toBeCloseTo(cosine(vectors[h.id]!, q), 5);
      for (let i = 1; i < hits.length; i++)
        expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    }
  });

  it('ignores vector length (cosine space)', () => {
    const index = VectorIndex.build(vectors, DIMS, params);
    const scaled = vectors[42]!.map((x) => x * 17);
    expect(index.search(scaled, 1)[0]?.id).toBe(42);
  });

  it('clamps k to the index size and to zero', () => {
    const small = VectorIndex.build(vectors.slice(0, 5), DIMS, params);
    expect(small.search(queries[0]!, 50)).toHaveLength(5);
    expect(small.search(queries[0]!, 0)).toEqual([]);
    expect(small.search(queries[0]!, -3)).toEqual([]);
  });

  it('builds and searches an empty index', () => {
    const empty = VectorIndex.build([], DIMS, params);
    expect(empty.size).toBe(0);
    expect(empty.search(queries[0]!, 5)).toEqual([]);
  });

  it('rejects vectors of the wrong dimension', () => {
    expect(() =>
      VectorIndex.build([new Float32Array(DIMS), new Float32Array(DIMS - 1)], DIMS, params),
    ).toThrow(/vector 1 has 23 dimensions/);
    const index = VectorIndex.build(vectors.slice(0, 3), DIMS, params);
    expect(() => index.search(new Float32Array(DIMS + 1), 1)).toThrow(/dimensions/);
  });

  it('saves and loads to the same results', async () => {
    const index = VectorIndex.build(vectors, DIMS, params);
    const file = path.join(dir, 'vectors.hnsw');
    await index.save(file);
    expect((await readdir(dir)).filter((f) => f.includes('partial'))).toEqual([]);

    const loaded = await VectorIndex.load(file, DIMS, vectors.length, params);
    expect(loaded.size).toBe(vectors.length);
    for (const q of queries) expect(loaded.search(q, 8)).toEqual(index.search(q, 8));
  });

  it('builds the same bytes from the same vectors', async () => {
    const a = path.join(dir, 'a.hnsw');
    const b = path.join(dir, 'b.hnsw');
    await VectorIndex.build(vectors, DIMS, params).save(a);
    await VectorIndex.build(vectors, DIMS, params).save(b);
    expect((await readFile(a)).equals(await readFile(b))).toBe(true);
  });

  it('refuses a file that does not match the expected count or dimensions', async () => {
    const file = path.join(dir, 'mismatch.hnsw');
    await VectorIndex.build(vectors.slice(0, 10), DIMS, params).save(file);
    await expect(VectorIndex.load(file, DIMS, 11, params)).rejects.toThrow(/expected 11 of 24/);
    await expect(
      VectorIndex.load(path.join(dir, 'missing.hnsw'), DIMS, 10, params),
    ).rejects.toThrow();
  });
});
