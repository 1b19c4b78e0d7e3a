/**
 * The dense leg for real: the committed tiny model goes through transformers.js'
 * loading path, its vectors into hnswlib-node, the index to disk and back, and the
 * fused ranking answers questions.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../src/engine.js';
import { buildIndex } from '../src/indexes/build.js';
import { ensureIndex } from '../src/indexes/ensure.js';
import { loadIndex } from '../src/indexes/load.js';
import { loadEmbedder } from '../src/embedding/load.js';
import { IndexMismatchError } from '../src/indexes/manifest.js';
import { NULL_PROBES } from '../src/indexes/null-probes.js';
import { FILES, buildsDir, pointerFile } from '../src/indexes/store.js';
import { nameForms } from '../src/people/lookup.js';
import { denseEvidence, denseSupports } from '../src/retrieval/dense-evidence.js';
import { Retriever } from '../src/retrieval/retriever.js';
import { LANGS } from '../src/text/language.js';
import { TINY_EMBEDDER, TINY_MODEL, hybridTestConfig, silentLog } from './helpers/config.js';

describe('hybrid index with the tiny model', async () => {
  const config = hybridTestConfig();
  const built = await buildIndex(config, silentLog);
  afterAll(() => config.cleanup());

  it('builds a hybrid index whose manifest records the model and dims', () => {
    expect(built.manifest.mode).toBe('hybrid');
    expect(built.manifest.embedding).toMatchObject({
      model: TINY_MODEL,
      dims: 32,
      quantized: true,
    });
    expect(built.manifest.hnsw).toMatchObject({
      m: config.HNSW_M,
      efConstruction: config.HNSW_EF_CONSTRUCTION,
    });
  });

  it('calibrates the vector leg on the null probes', async () => {
    const calibration = built.manifest.embedding?.calibration;
    if (!calibration) throw new Error('a hybrid build has a calibration');
    const { similarities, mean, sd } = calibration;
    expect(calibration.probes).toBe(NULL_PROBES.length);
    expect(similarities).toHaveLength(NULL_PROBES.length);
    expect(similarities).toEqual([...similarities].sort((a, b) => a - b));
    for (const s of similarities) {
      expect(Math.round(s * 1e4) / 1e4).toBe(s);
      expect(Math.abs(s)).toBeLessThanOrEqual(1);
    }
    const n = similarities.length;
    expect(mean).toBeCloseTo(similarities.reduce((a, b) => a + b, 0) / n, 12);
    expect(sd).toBeCloseTo(
      Math.sqrt(similarities.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)),
      12,
    );
    expect(sd).toBeGreaterThan(0);

    // They are the probes' best similarities as the loaded index finds them for queries.
    const index = await loadIndex(built.dir);
    const loaded = await loadEmbedder(TINY_EMBEDDER);
    if (!loaded.ok) throw new Error(loaded.reason);
    try {
      const vectors = await loaded.embedder.embedQueries(NULL_PROBES.map((p) => p.text));
      const best = vectors.map(
        (v) => Math.round(index.vectors!.search(v, 1)[0]!.score * 1e4) / 1e4,
      );
      expect(similarities).toEqual([...best].sort((a, b) => a - b));

      // Each language's null holds its own probes' similarities, with their own mean and sd.
      expect(Object.keys(calibration.byLang).sort()).toEqual([...LANGS].sort());
      for (const lang of LANGS) {
        const own = best.filter((_, i) => NULL_PROBES[i]!.lang === lang).sort((a, b) => a - b);
        const m = own.reduce((a, b) => a + b, 0) / own.length;
        const s = Math.sqrt(own.reduce((a, b) => a + (b - m) ** 2, 0) / (own.length - 1));
        const stored = calibration.byLang[lang];
        expect(stored?.probes).toBe(18);
        expect(stored?.similarities).toEqual(own);
        expect(stored?.mean).toBeCloseTo(m, 12);
        expect(stored?.sd).toBeCloseTo(s, 12);
      }
    } finally {
      await loaded.embedder.dispose();
    }
  });

  it('sets a question against the null of its language, which the pooled null blurs', async () => {
    const index = await loadIndex(built.dir);
    const calibration = index.manifest.embedding?.calibration;
    if (!calibration) throw new Error('a hybrid build has a calibration');
    const loaded = await loadEmbedder(TINY_EMBEDDER);
    if (!loaded.ok) throw new Error(loaded.reason);
    try {
      const retriever = new Retriever(index, loaded.embedder, nameForms(index.people));
      const dense = async (question: string) => {
        const found = (await retriever.retrieve(question)).answerability.dense;
        if (!found) throw new Error('hybrid retrieval reports dense evidence');
        return { own: found, pooled: denseEvidence(found.similarity, calibration) };
      };

      // The tiny model's Chinese probes lie far below its English ones: against the
      // Chinese null alone, a question about the article stands out much further.
      const about = await dense('潘梓正在英伟达实习时的导师是谁？');
      expect(about.own.null).toBe('zh-Hans');
      expect(about.pooled.null).toBe('all');
      expect(about.own.z).toBeGreaterThan(about.pooled.z);
      expect(about.own.exceedance).toBeLessThanOrEqual(about.pooled.exceedance);

      // An unrelated English question, inflated by the pool's Chinese probes, is not.
      const unrelated = await dense('How do I bake sourdough bread?');
      expect(unrelated.own.null).toBe('en');
      expect(denseSupports(unrelated.own)).toBe(false);
      expect(unrelated.own.z).toBeLessThan(unrelated.pooled.z);
      expect(unrelated.own.exceedance).toBeGreaterThan(unrelated.pooled.exceedance);
    } finally {
      await loaded.embedder.dispose();
    }
  });

  it('places a question in the null: one about the article stands higher than an unrelated one', async () => {
    const index = await loadIndex(built.dir);
    const loaded = await loadEmbedder(TINY_EMBEDDER);
    if (!loaded.ok) throw new Error(loaded.reason);
    try {
      const retriever = new Retriever(index, loaded.embedder, nameForms(index.people));
      const about = '潘梓正在英伟达实习时的导师是谁？';
      const unrelated = '明天香港會下雨嗎？';
      const [a, u] = [await retriever.retrieve(about), await retriever.retrieve(unrelated)];
      if (!a.answerability.dense || !u.answerability.dense)
        throw new Error('hybrid retrieval reports dense evidence');
      expect(a.answerability.dense.z).toBeGreaterThan(u.answerability.dense.z);
      expect(a.answerability.dense.exceedance).toBeLessThan(u.answerability.dense.exceedance);
      // The similarity is the question's best, found as the probes' were.
      const [v] = await loaded.embedder.embedQueries([about]);
      expect(a.answerability.dense.similarity).toBeCloseTo(
        index.vectors!.search(v!, 1)[0]!.score,
        6,
      );
    } finally {
      await loaded.embedder.dispose();
    }
  });

  it('loads the vectors back and searches them', async () => {
    const index = await loadIndex(built.dir);
    expect(index.vectors?.size).toBe(index.passages.length);
    const loaded = await loadEmbedder(TINY_EMBEDDER);
    if (!loaded.ok) throw new Error(loaded.reason);
    const retriever = new Retriever(index, loaded.embedder, nameForms(index.people));
    const r = await retriever.retrieve('潘梓正在英伟达实习时的导师是谁？');
    expect(r.ranked.some((x) => x.denseRank !== null)).toBe(true);
    expect(r.ranked.some((x) => x.lexicalRank !== null && x.denseRank !== null)).toBe(true);
    // The gold passage is among the top 3, and every score is the reciprocal-rank sum of its
    // legs, but for the passage holding the typed answer, which is moved to the top.
    expect(r.ranked.slice(0, 3).some((x) => x.passage.text.includes('實習期間導師的禹之鼎'))).toBe(
      true,
    );
    const k = retriever.options.rrfK;
    for (const x of r.ranked) {
      if (x.pinned) {
        expect(x).toBe(r.ranked[0]);
        continue;
      }
      const expected =
        (x.lexicalRank === null ? 0 : 1 / (k + x.lexicalRank + 1)) +
        (x.denseRank === null ? 0 : 1 / (k + x.denseRank + 1));
      expect(x.score).toBeCloseTo(expected, 12);
    }
  });

  it('answers through the engine in hybrid mode', async () => {
    const engine = await openEngine(config, { log: silentLog });
    try {
      expect(engine.about()).toMatchObject({ mode: 'hybrid', model: TINY_MODEL });
      const answer = await engine.ask('宋俊瀟在哪裡讀博士？');
      expect(answer.mode).toBe('hybrid');
      expect(answer.abstained).toBe(false);
      expect(answer.excerpts.slice(0, 3).some((e) => e.passage.text.includes('香港科技大學'))).toBe(
        true,
      );
      expect((await engine.ask('明天香港會下雨嗎？')).abstained).toBe(true);
      expect(answer.answerability.dense?.similarity).toBeTypeOf('number');
    } finally {
      await engine.close();
    }
  });

  it('answers from keywords when the model cannot be loaded at query time', async () => {
    const broken = { ...config, MODEL_CACHE_DIR: config.DATA_DIR + '/missing' };
    const engine = await openEngine(broken, { log: silentLog });
    try {
      expect(engine.about().mode).toBe('lexical');
      expect(engine.about().modeReason).toMatch(/cannot be loaded/);
      const answer = await engine.ask('宋俊瀟在哪裡讀博士？');
      expect(answer.excerpts.length).toBeGreaterThan(0);
      expect(answer.answerability.dense).toBeUndefined();
    } finally {
      await engine.close();
    }
  });

  it('refuses a hybrid build without its calibration as outdated, and entry points rebuild it', async () => {
    // A copy in a data folder of its own, so the build the other tests use stays whole.
    const other = hybridTestConfig();
    try {
      const id = path.basename(built.dir);
      const dir = path.join(buildsDir(other.DATA_DIR), id);
      mkdirSync(buildsDir(other.DATA_DIR), { recursive: true });
      cpSync(built.dir, dir, { recursive: true });
      writeFileSync(pointerFile(other.DATA_DIR), JSON.stringify({ build: id }));
      const file = path.join(dir, FILES.manifest);
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
        embedding: Record<string, unknown>;
      };
      delete manifest.embedding.calibration;
      writeFileSync(file, JSON.stringify(manifest));

      await expect(loadIndex(dir)).rejects.toThrow(IndexMismatchError);
      await expect(loadIndex(dir)).rejects.toThrow(/npm run reindex/);
      const ensured = await ensureIndex(other, silentLog);
      expect(ensured.rebuiltBecause).toMatch(/calibration/);
      expect((await loadIndex(ensured.dir)).manifest.embedding?.calibration.probes).toBe(
        NULL_PROBES.length,
      );
    } finally {
      other.cleanup();
    }
  });
});
