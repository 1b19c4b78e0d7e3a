/**
 * Where a question falls in the dense leg's null distribution, on hand-made
 * calibrations: the arithmetic, ties, and the degenerate cases a real model can
 * produce (every probe alike, no passages at all).
 */
import { describe, expect, it } from 'vitest';
import { nullDistribution } from '../src/indexes/calibrate.js';
import type { Calibration } from '../src/indexes/manifest.js';
import type { DenseEvidence } from '../src/retrieval/answerability.js';
import {
  DENSE_SUPPORT_MIN_Z,
  denseEvidence,
  denseSupports,
} from '../src/retrieval/dense-evidence.js';

const QUARTERS: Calibration = nullDistribution([0.4, 0.1, 0.3, 0.2]);

describe('denseEvidence', () => {
  it('counts the probes at or above the similarity, ties included', () => {
    expect(denseEvidence(0.3, QUARTERS).exceedance).toBe(0.5);
    expect(denseEvidence(0.31, QUARTERS).exceedance).toBe(0.25);
    expect(denseEvidence(0.05, QUARTERS).exceedance).toBe(1);
    expect(denseEvidence(0.41, QUARTERS).exceedance).toBe(0);
  });

  it('measures z in the null’s standard deviations', () => {
    const e = denseEvidence(0.5, QUARTERS);
    expect(e.similarity).toBe(0.5);
    expect(e.z).toBeCloseTo(0.25 / Math.sqrt(0.05 / 3), 12);
    expect(denseEvidence(0.25, QUARTERS).z).toBeCloseTo(0, 12);
    expect(denseEvidence(0.1, QUARTERS).z).toBeLessThan(0);
  });

  it('keeps z finite when every probe scored the same', () => {
    const flat: Calibration = { probes: 3, similarities: [0.8, 0.8, 0.8], mean: 0.8, sd: 0 };
    const same = denseEvidence(0.8, flat);
    expect(same).toEqual({ similarity: 0.8, z: 0, exceedance: 1 });
    const above = denseEvidence(0.8005, flat);
    expect(Number.isFinite(above.z)).toBe(true);
    expect(above.z).toBeCloseTo(5, 6);
    expect(above.exceedance).toBe(0);
    expect(Number.isFinite(denseEvidence(0.2, flat).z)).toBe(true);
  });

  it('is neutral without probes', () => {
    const empty = nullDistribution([]);
    expect(denseEvidence(0.9, empty)).toEqual({ similarity: 0.9, z: 0, exceedance: 1 });
    expect(denseSupports(denseEvidence(0.9, empty))).toBe(false);
  });
});

describe('denseSupports', () => {
  const evidence = (z: number, exceedance: number): DenseEvidence => ({
    similarity: 0.5,
    z,
    exceedance,
  });

  it('needs the question above every probe and a margin in the null’s own spread', () => {
    expect(denseSupports(evidence(DENSE_SUPPORT_MIN_Z, 0))).toBe(true);
    expect(denseSupports(evidence(8, 0))).toBe(true);
    // Past the luckiest probe but not clear of the null's tail.
    expect(denseSupports(evidence(DENSE_SUPPORT_MIN_Z - 0.01, 0))).toBe(false);
    // Far above the mean, yet one unrelated probe scored as high: no evidence.
    expect(denseSupports(evidence(10, 1 / 54))).toBe(false);
  });

  it('decides on the calibration, not on the cosine', () => {
    // The same similarity is evidence against a low, tight null and none against a high one.
    const low = nullDistribution([0.1, 0.12, 0.14, 0.16, 0.18]);
    const high = nullDistribution([0.7, 0.72, 0.74, 0.76, 0.78]);
    expect(denseSupports(denseEvidence(0.3, low))).toBe(true);
    expect(denseSupports(denseEvidence(0.3, high))).toBe(false);
    // An outlier probe keeps a question below it from counting, however the rest lie.
    const outlier = nullDistribution([0.1, 0.1, 0.11, 0.12, 0.95]);
    expect(denseSupports(denseEvidence(0.9, outlier))).toBe(false);
  });
});
