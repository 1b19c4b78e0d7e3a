/**
 * The dense leg for real: the committed tiny model goes through transformers.js'
 * loading path, its vectors into hnswlib-node, the index to disk and back, and the
 * fused ranking answers questions.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { openEngine } from '../src/engine.js';
import { buildIndex } from '../src/indexes/build.js';
import { loadIndex } from '../src/indexes/load.js';
import { loadEmbedder } from '../src/indexes/embedder.js';
import { nameForms } from '../src/people/lookup.js';
import { Retriever } from '../src/retrieval/retriever.js';
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

  it('loads the vectors back and searches them', async () => {
    const index = await loadIndex(built.dir);
    expect(index.vectors?.size).toBe(index.passages.length);
    const loaded = await loadEmbedder(TINY_EMBEDDER);
    if (!loaded.ok) throw new Error(loaded.reason);
    const retriever = new Retriever(index, loaded.embedder, nameForms(index.people));
    const r = await retriever.retrieve('潘梓正在英伟达实习时的导师是谁？');
    expect(r.ranked.some((x) => x.denseRank !== null)).toBe(true);
    expect(r.ranked.some((x) => x.lexicalRank !== null && x.denseRank !== null)).toBe(true);
    // The gold passage is among the top 3, and every score is the reciprocal-rank sum of its legs.
    expect(r.ranked.slice(0, 3).some((x) => x.passage.text.includes('實習期間導師的禹之鼎'))).toBe(
      true,
    );
    const k = retriever.options.rrfK;
    for (const x of r.ranked) {
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
      expect((await engine.ask('宋俊瀟在哪裡讀博士？')).excerpts.length).toBeGreaterThan(0);
    } finally {
      await engine.close();
    }
  });
});
