/**
 * The null distribution a hybrid build records: the probe questions themselves,
 * the statistics stored for them, and how each probe's best similarity is found.
 */
import { describe, expect, it } from 'vitest';
import { calibrate, nullDistribution } from '../src/indexes/calibrate.js';
import { NULL_PROBES } from '../src/indexes/null-probes.js';
import { VectorIndex } from '../src/indexes/vector-index.js';
import { foldScript } from '../src/text/normalize.js';

describe('the null probes', () => {
  it('are 54 distinct questions, 18 in each of Traditional Chinese, Simplified Chinese and English', () => {
    expect(NULL_PROBES).toHaveLength(54);
    expect(new Set(NULL_PROBES).size).toBe(54);
    const english = NULL_PROBES.filter((p) => !/\p{Script=Han}/u.test(p));
    const han = NULL_PROBES.filter((p) => /\p{Script=Han}/u.test(p));
    expect(english).toHaveLength(18);
    // Folding to Simplified changes a Traditional question and leaves a Simplified one alone.
    expect(han.filter((p) => foldScript(p) !== p)).toHaveLength(18);
    expect(han.filter((p) => foldScript(p) === p)).toHaveLength(18);
  });
});

describe('nullDistribution', () => {
  it('sorts and rounds the similarities and takes mean and sample sd from the stored values', () => {
    const c = nullDistribution([0.30004, 0.1, 0.19996, 0.4]);
    expect(c.similarities).toEqual([0.1, 0.2, 0.3, 0.4]);
    expect(c.probes).toBe(4);
    expect(c.mean).toBeCloseTo(0.25, 12);
    expect(c.sd).toBeCloseTo(Math.sqrt(0.05 / 3), 12);
  });

  it('has no spread with fewer than two values', () => {
    expect(nullDistribution([0.7])).toEqual({ probes: 1, similarities: [0.7], mean: 0.7, sd: 0 });
    expect(nullDistribution([])).toEqual({ probes: 0, similarities: [], mean: 0, sd: 0 });
  });
});

describe('calibrate', () => {
  it('embeds the probes as queries and keeps each one’s best similarity to a passage', async () => {
    const params = { m: 8, efConstruction: 50, efSearch: 16 };
    const vectors = VectorIndex.build(
      [Float32Array.of(1, 0, 0), Float32Array.of(0, 1, 0)],
      3,
      params,
    );
    const asked: string[][] = [];
    const embedder = {
      embedQueries: (texts: string[]) => {
        asked.push(texts);
        // One probe along passage 0, one between both passages, one orthogonal to both.
        return Promise.resolve([
          Float32Array.of(1, 0, 0),
          Float32Array.of(1, 1, 0),
          Float32Array.of(0, 0, 1),
        ]);
      },
    };
    const c = await calibrate(embedder, vectors, ['a', 'b', 'c']);
    expect(asked).toEqual([['a', 'b', 'c']]);
    expect(c.probes).toBe(3);
    expect(c.similarities).toEqual([0, 0.7071, 1]);
  });
});
