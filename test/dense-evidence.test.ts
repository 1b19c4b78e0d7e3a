/**
 * Where a question falls in the dense leg's null distribution, on hand-made
 * calibrations: the arithmetic, ties, the null of the question's language, and
 * the degenerate cases a real model can produce (every probe alike, no passages).
 */
import { describe, expect, it } from 'vitest';
import { calibrationOf, nullDistribution } from '../src/indexes/calibrate.js';
import type { NullDistribution } from '../src/indexes/manifest.js';
import type { DenseEvidence } from '../src/retrieval/answerability.js';
import {
  DENSE_SUPPORT_MIN_Z,
  denseEvidence,
  denseSupportMinZ,
  denseSupports,
  studentTQuantile,
  studentTUpperTail,
} from '../src/retrieval/dense-evidence.js';

const QUARTERS: NullDistribution = nullDistribution([0.4, 0.1, 0.3, 0.2]);

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
    const flat: NullDistribution = { probes: 3, similarities: [0.8, 0.8, 0.8], mean: 0.8, sd: 0 };
    const same = denseEvidence(0.8, flat);
    expect(same).toEqual({ similarity: 0.8, null: 'all', probes: 3, z: 0, exceedance: 1 });
    const above = denseEvidence(0.8005, flat);
    expect(Number.isFinite(above.z)).toBe(true);
    expect(above.z).toBeCloseTo(5, 6);
    expect(above.exceedance).toBe(0);
    expect(Number.isFinite(denseEvidence(0.2, flat).z)).toBe(true);
  });

  it('is neutral without probes', () => {
    const empty = nullDistribution([]);
    expect(denseEvidence(0.9, empty)).toEqual({
      similarity: 0.9,
      null: 'all',
      probes: 0,
      z: 0,
      exceedance: 1,
    });
    expect(denseSupports(denseEvidence(0.9, empty))).toBe(false);
    expect(denseEvidence(0.9, calibrationOf([]), 'en')).toMatchObject({ null: 'all', z: 0 });
  });
});

describe('denseEvidence by language', () => {
  // English probes sit high and tight, Chinese ones low and tight; pooled, they are wide.
  const calibration = calibrationOf([
    ...[0.6, 0.62, 0.64, 0.66, 0.68].map((similarity) => ({ lang: 'en' as const, similarity })),
    ...[0.2, 0.22, 0.24, 0.26, 0.28].map((similarity) => ({
      lang: 'zh-Hans' as const,
      similarity,
    })),
  ]);

  it('sets a question against the null of its language', () => {
    const zh = denseEvidence(0.5, calibration, 'zh-Hans');
    expect(zh.null).toBe('zh-Hans');
    expect(zh.probes).toBe(5);
    expect(zh.exceedance).toBe(0);
    expect(zh.z).toBeCloseTo((0.5 - 0.24) / Math.sqrt(0.001), 9);
    const en = denseEvidence(0.5, calibration, 'en');
    expect(en.null).toBe('en');
    expect(en.exceedance).toBe(1);
    expect(en.z).toBeCloseTo((0.5 - 0.64) / Math.sqrt(0.001), 9);
  });

  it('falls back to the pooled null without a language, or for one the probes lack', () => {
    const pooled = denseEvidence(0.5, calibration);
    expect(pooled).toMatchObject({ null: 'all', probes: 10, exceedance: 0.5 });
    expect(pooled.z).toBeCloseTo((0.5 - calibration.mean) / calibration.sd, 9);
    expect(denseEvidence(0.5, calibration, 'zh-Hant')).toEqual(pooled);
    // A null with no byLang at all (a hand-made one) is the pooled one too.
    expect(denseEvidence(0.5, nullDistribution(calibration.similarities), 'en')).toEqual(pooled);
  });

  it('lets a question stand out of its own language’s null that the pooled one hides', () => {
    // Far above every Chinese probe, yet inside the pool because English ones sit higher.
    expect(denseEvidence(0.5, calibration, 'zh-Hans').z).toBeGreaterThan(
      denseSupportMinZ(calibration.byLang['zh-Hans']!.probes),
    );
    expect(denseEvidence(0.5, calibration).z).toBeLessThan(1);
  });
});

describe('the support margin', () => {
  it('computes Student’s t as the tables give it', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.303, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentTQuantile(0.995, 17)).toBeCloseTo(2.898, 3);
    expect(studentTQuantile(0.9995, 5)).toBeCloseTo(6.869, 3);
    expect(studentTUpperTail(0, 7)).toBeCloseTo(0.5, 12);
  });

  it('is 3 for a null known exactly and wider for one estimated from few probes', () => {
    expect(denseSupportMinZ(100_000)).toBeCloseTo(DENSE_SUPPORT_MIN_Z, 3);
    expect(denseSupportMinZ(54)).toBeCloseTo(3.18, 2);
    expect(denseSupportMinZ(18)).toBeCloseTo(3.6, 2);
    expect(denseSupportMinZ(1)).toBe(Infinity);
    expect(denseSupportMinZ(0)).toBe(Infinity);
    // With it, an unrelated question from the same normal null gets through as rarely
    // against 18 probes as 3 sd lets through against a known null.
    const n = 18;
    const tail = studentTUpperTail(denseSupportMinZ(n) / Math.sqrt(1 + 1 / n), n - 1);
    expect(tail).toBeCloseTo(0.00135, 5);
  });
});

describe('denseSupports', () => {
  const evidence = (z: number, exceedance: number, probes = 18): DenseEvidence => ({
    similarity: 0.5,
    null: 'zh-Hant',
    probes,
    z,
    exceedance,
  });

  it('needs the question above every probe and a margin in the null’s own spread', () => {
    const minZ = denseSupportMinZ(18);
    expect(denseSupports(evidence(minZ, 0))).toBe(true);
    expect(denseSupports(evidence(8, 0))).toBe(true);
    // Past the luckiest probe but not clear of the null's tail.
    expect(denseSupports(evidence(minZ - 0.01, 0))).toBe(false);
    // 3 sd is not clear of a tail estimated from 18 probes, but is of one from thousands.
    expect(denseSupports(evidence(DENSE_SUPPORT_MIN_Z, 0))).toBe(false);
    expect(denseSupports(evidence(DENSE_SUPPORT_MIN_Z + 0.01, 0, 10_000))).toBe(true);
    // Far above the mean, yet one unrelated probe scored as high: no evidence.
    expect(denseSupports(evidence(10, 1 / 18))).toBe(false);
    // One probe has no spread to stand out of.
    expect(denseSupports(evidence(1000, 0, 1))).toBe(false);
  });

  it('decides on the calibration, not on the cosine', () => {
    // The same similarity is evidence against a low, tight null and none against a high one.
    const low = nullDistribution([0.1, 0.12, 0.14, 0.16, 0.18]);
    const high = nullDistribution([0.7, 0.72, 0.74, 0.76, 0.78]);
    expect(denseSupports(denseEvidence(0.5, low))).toBe(true);
    expect(denseSupports(denseEvidence(0.5, high))).toBe(false);
    // An outlier probe keeps a question below it from counting, however the rest lie.
    const outlier = nullDistribution([0.1, 0.1, 0.11, 0.12, 0.95]);
    expect(denseSupports(denseEvidence(0.9, outlier))).toBe(false);
  });
});
