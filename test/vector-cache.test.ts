/**
 * Passage vectors through the build cache: a reindex after one article changed
 * embeds that article's passages only, and a model that differs in any way the
 * vectors depend on embeds everything again.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticCorpus } from '../bench/synthetic-corpus.js';
import { corpusLimits } from '../src/corpus/files.js';
import { loadCorpus } from '../src/corpus/load.js';
import type { Embedder } from '../src/embedding/types.js';
import { BuildCache } from '../src/indexes/build-cache.js';
import { buildIndex } from '../src/indexes/build.js';
import { passageEmbedTexts, passageVectors, passagesOf } from '../src/indexes/cached-steps.js';
import { loadIndex } from '../src/indexes/load.js';
import { hybridTestConfig, silentLog, testConfig } from './helpers/config.js';
import { editOneArticle } from './helpers/synthetic.js';

const ARTICLES = 3;

/** A stand-in model that records what it was asked to embed. */
function countingEmbedder(model: string): Embedder & { embedded: string[] } {
  const embedded: string[] = [];
  return {
    model,
    dims: 4,
    queryPrefix: '',
    passagePrefix: 'passage: ',
    embedded,
    embedQueries: (texts) => Promise.resolve(texts.map(() => new Float32Array(4))),
    embedPassages: (texts) => {
      embedded.push(...texts);
      return Promise.resolve(texts.map((t) => Float32Array.of(t.length, 1, 2, 3)));
    },
    dispose: () => Promise.resolve(),
  };
}

describe('passage vectors through the build cache', () => {
  const corpus = mkdtempSync(path.join(tmpdir(), 'article-bot-vector-cache-'));
  const keyword = testConfig({ CORPUS_DIR: corpus });
  afterAll(() => {
    keyword.cleanup();
    rmSync(corpus, { recursive: true, force: true });
  });
  const chunking = { maxChars: keyword.CHUNK_MAX_CHARS, minChars: keyword.CHUNK_MIN_CHARS };
  const modelKey = { model: 'counting', quantized: true };

  async function vectorsWith(
    embedder: Embedder,
  ): Promise<{ vectors: Float32Array[]; texts: string[] }> {
    const { documents } = await loadCorpus(corpus, corpusLimits(keyword));
    const cache = BuildCache.open(keyword.DATA_DIR, true).track(documents);
    const split = passagesOf(documents, chunking, cache);
    const vectors = await passageVectors(documents, split, embedder, modelKey, cache);
    await cache.save();
    return { vectors, texts: documents.flatMap((doc) => passageEmbedTexts(split, doc)) };
  }

  it('embeds only the changed article, and reuses the others bit for bit', async () => {
    await writeSyntheticCorpus(corpus, ARTICLES);
    const first = countingEmbedder('counting');
    const before = await vectorsWith(first);
    expect(first.embedded).toEqual(before.texts);

    editOneArticle(corpus, 'synthetic-00001.md');
    const second = countingEmbedder('counting');
    const after = await vectorsWith(second);
    const { documents } = await loadCorpus(corpus, corpusLimits(keyword));
    const changed = documents.findIndex((d) => d.meta.file === 'synthetic-00001.md');
    const split = passagesOf(
      documents,
      chunking,
      BuildCache.open(keyword.DATA_DIR, false).track(documents),
    );
    const { from, to } = split.spans.get(documents[changed]!)!;
    expect(second.embedded).toEqual(after.texts.slice(from, to));
    // Everything else came from the cache, equal to what the model gave the first time.
    after.vectors.forEach((v, i) => {
      if (i >= from && i < to) return;
      expect([...v]).toEqual([after.texts[i]!.length, 1, 2, 3]);
    });
  });

  it('embeds an article again when its passages read differently, even in the same number', async () => {
    await vectorsWith(countingEmbedder('counting'));
    const { documents } = await loadCorpus(corpus, corpusLimits(keyword));
    const cache = BuildCache.open(keyword.DATA_DIR, true).track(documents);
    const split = passagesOf(documents, chunking, cache);
    // Another chunking that happened to keep this article's passage count.
    const passages = split.passagesOf(documents[0]!);
    passages.forEach((p, i) => (passages[i] = { ...p, text: `${p.text}。` }));
    const embedder = countingEmbedder('counting');
    await passageVectors(documents, split, embedder, modelKey, cache);
    expect(embedder.embedded).toEqual(passageEmbedTexts(split, documents[0]!));
    expect(embedder.embedded.every((t) => t.endsWith('。'))).toBe(true);
  });

  it('embeds everything again under another model or passage prefix', async () => {
    const renamed = countingEmbedder('another');
    const { texts } = await vectorsWith(renamed);
    expect(renamed.embedded).toEqual(texts);
    const prefixed = { ...countingEmbedder('counting'), passagePrefix: '' };
    await vectorsWith(prefixed);
    expect(prefixed.embedded).toEqual(texts);
  });
});

describe('hybrid reindex with the tiny model', () => {
  const corpus = mkdtempSync(path.join(tmpdir(), 'article-bot-hybrid-cache-'));
  const config = hybridTestConfig({ CORPUS_DIR: corpus });
  const fullConfig = hybridTestConfig({ CORPUS_DIR: corpus });
  afterAll(() => {
    config.cleanup();
    fullConfig.cleanup();
    rmSync(corpus, { recursive: true, force: true });
  });

  it("embeds only the changed article's passages, and the vectors equal a full build's", async () => {
    await writeSyntheticCorpus(corpus, ARTICLES);
    const first = await buildIndex(config, silentLog);
    expect(first.manifest.mode).toBe('hybrid');
    editOneArticle(corpus, 'synthetic-00001.md');
    const again = await buildIndex(config, silentLog);
    expect(again.cache.derived['vectors']).toBe(1);
    expect(again.cache.reused['vectors']).toBe(ARTICLES - 1);

    const fresh = await buildIndex(fullConfig, silentLog, { full: true });
    const [reused, rebuilt] = await Promise.all([loadIndex(again.dir), loadIndex(fresh.dir)]);
    const query = Float32Array.from({ length: 32 }, (_, i) => Math.sin(i + 1));
    expect(reused.vectors!.size).toBe(rebuilt.vectors!.size);
    expect(reused.vectors!.search(query, 5)).toEqual(rebuilt.vectors!.search(query, 5));
  });
});
