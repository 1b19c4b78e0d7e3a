/**
 * The null distribution a hybrid build records: the probe questions themselves,
 * the statistics stored for them, and how each probe's best similarity is found.
 */
import { describe, expect, it } from 'vitest';
import { calibrate, calibrationOf, nullDistribution } from '../src/indexes/calibrate.js';
import { CalibrationSchema } from '../src/indexes/manifest.js';
import { NULL_PROBES } from '../src/indexes/null-probes.js';
import { VectorIndex } from '../src/indexes/vector-index.js';
import { detectLanguage, LANGS } from '../src/text/language.js';
import { foldScript } from '../src/text/normalize.js';

describe('the null probes', () => {
  const texts = NULL_PROBES.map((p) => p.text);
  const inLang = (lang: string) => NULL_PROBES.filter((p) => p.lang === lang).map((p) => p.text);

  it('are 54 distinct questions, 18 in each of Traditional Chinese, Simplified Chinese and English', () => {
    expect(texts).toHaveLength(54);
    expect(new Set(texts).size).toBe(54);
    for (const lang of LANGS) expect(inLang(lang)).toHaveLength(18);
    expect(inLang('en').filter((p) => /\p{Script=Han}/u.test(p))).toEqual([]);
    // Folding to Simplified changes a Traditional question and leaves a Simplified one alone.
    expect(inLang('zh-Hant').filter((p) => foldScript(p) === p)).toEqual([]);
    expect(inLang('zh-Hans').filter((p) => foldScript(p) !== p)).toEqual([]);
  });

  it('carry the language a question written like them is detected in', () => {
    // A question is set against the null of the language detectLanguage gives it.
    expect(NULL_PROBES.filter((p) => detectLanguage(p.text) !== p.lang)).toEqual([]);
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

describe('calibrationOf', () => {
  const scored = [
    { lang: 'en' as const, similarity: 0.8 },
    { lang: 'zh-Hant' as const, similarity: 0.3 },
    { lang: 'en' as const, similarity: 0.6 },
    { lang: 'zh-Hant' as const, similarity: 0.1 },
    { lang: 'en' as const, similarity: 0.7 },
  ];

  it('keeps the null of each language beside the pooled one', () => {
    const c = calibrationOf(scored);
    expect(c.similarities).toEqual([0.1, 0.3, 0.6, 0.7, 0.8]);
    expect(c.mean).toBeCloseTo(0.5, 12);
    expect(c.byLang.en).toEqual(nullDistribution([0.6, 0.7, 0.8]));
    expect(c.byLang.en?.mean).toBeCloseTo(0.7, 12);
    expect(c.byLang.en?.sd).toBeCloseTo(0.1, 12);
    expect(c.byLang['zh-Hant']).toEqual(nullDistribution([0.1, 0.3]));
    // A language without probes has no null of its own, rather than an empty one.
    expect(Object.keys(c.byLang).sort()).toEqual(['en', 'zh-Hant']);
    expect(CalibrationSchema.safeParse(c).success).toBe(true);
  });

  it('is refused by the manifest schema when the languages do not make up the pool', () => {
    const c = calibrationOf(scored);
    const en = nullDistribution([0.6, 0.7, 0.9]);
    expect(CalibrationSchema.safeParse({ ...c, byLang: { ...c.byLang, en } }).success).toBe(false);
    expect(CalibrationSchema.safeParse({ ...c, byLang: { en: c.byLang.en } }).success).toBe(false);
    const short = { ...c.byLang.en!, probes: 4 };
    expect(CalibrationSchema.safeParse({ ...c, byLang: { ...c.byLang, en: short } }).success).toBe(
      false,
    );
  });
});

describe('calibrate', () => {
  it('embeds the probes as queries and keeps each one’s best similarity to a passage, by language', async () => {
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
    const c = await calibrate(embedder, vectors, [
      { text: 'a', lang: 'en' },
      { text: 'b', lang: 'zh-Hans' },
      { text: 'c', lang: 'en' },
    ]);
    expect(asked).toEqual([['a', 'b', 'c']]);
    expect(c.probes).toBe(3);
    expect(c.similarities).toEqual([0, 0.7071, 1]);
    expect(c.byLang.en?.similarities).toEqual([0, 1]);
    expect(c.byLang['zh-Hans']?.similarities).toEqual([0.7071]);
    expect(c.byLang['zh-Hant']).toBeUndefined();
  });
});
