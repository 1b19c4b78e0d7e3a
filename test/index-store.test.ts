import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BM25_FORMAT_VERSION } from '../src/indexes/bm25.js';
import { buildIndex } from '../src/indexes/build.js';
import { sha256 } from '../src/indexes/checksum.js';
import { ensureIndex } from '../src/indexes/ensure.js';
import { staleReasons } from '../src/indexes/freshness.js';
import { loadIndex } from '../src/indexes/load.js';
import { INDEX_SCHEMA_VERSION, IndexMismatchError } from '../src/indexes/manifest.js';
import { buildsDir, currentBuildDir, newBuildId, readManifest } from '../src/indexes/store.js';
import { hashCorpus, listArticleFiles } from '../src/corpus/load.js';
import { nameForms } from '../src/people/lookup.js';
import { Retriever } from '../src/retrieval/retriever.js';
import { silentLog, testConfig } from './helpers/config.js';

describe('index files', () => {
  const config = testConfig({ MODEL_DOWNLOAD_TIMEOUT_MS: '500' });
  afterAll(() => config.cleanup());

  it('publishes a build atomically with a manifest that says what it was built from', async () => {
    const { dir, manifest } = await buildIndex(config, silentLog);
    expect(await currentBuildDir(config.DATA_DIR)).toBe(dir);
    expect(manifest).toMatchObject({
      schemaVersion: INDEX_SCHEMA_VERSION,
      mode: 'lexical',
      requestedModel: 'none',
      embedding: null,
      corpusHash: await hashCorpus(config.CORPUS_DIR),
      chunking: { maxChars: config.CHUNK_MAX_CHARS, minChars: config.CHUNK_MIN_CHARS },
    });
    expect(manifest.modeReason).toMatch(/EMBEDDING_MODEL=none/);
    expect(manifest.counts.documents).toBe((await listArticleFiles(config.CORPUS_DIR)).length);
    expect(manifest.counts.passages).toBeGreaterThan(20);
    expect(manifest.counts.people).toBeGreaterThan(8);
    // No temporary folders are left behind.
    expect(readdirSync(buildsDir(config.DATA_DIR)).filter((n) => n.startsWith('.tmp-'))).toEqual(
      [],
    );
    const loaded = await loadIndex(dir);
    expect(loaded.passages).toHaveLength(manifest.counts.passages);
    expect(loaded.vectors).toBeNull();
  });

  it('has no dense calibration or evidence in keyword mode', async () => {
    const dir = (await currentBuildDir(config.DATA_DIR))!;
    const index = await loadIndex(dir);
    expect(index.manifest.embedding).toBeNull();
    const r = await new Retriever(index, null, nameForms(index.people)).retrieve('潘梓正是誰？');
    expect(r.ranked.length).toBeGreaterThan(0);
    expect(r.answerability).not.toHaveProperty('dense');
  });

  it('keeps the previous build for readers still on it, and prunes older ones', async () => {
    const first = await currentBuildDir(config.DATA_DIR);
    const second = await buildIndex(config, silentLog);
    const third = await buildIndex(config, silentLog);
    expect(existsSync(second.dir)).toBe(true);
    expect(existsSync(third.dir)).toBe(true);
    expect(first && existsSync(first)).toBe(false);
  });

  it('refuses a build with another schema version, with a clear message', async () => {
    const dir = (await currentBuildDir(config.DATA_DIR))!;
    const file = path.join(dir, 'manifest.json');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(original), schemaVersion: 0 }));
    await expect(readManifest(dir)).rejects.toThrow(IndexMismatchError);
    await expect(readManifest(dir)).rejects.toThrow(/npm run reindex/);
    // Entry points rebuild instead of failing (older builds, which would be served, are gone).
    for (const other of readdirSync(buildsDir(config.DATA_DIR)))
      if (path.join(buildsDir(config.DATA_DIR), other) !== dir)
        rmSync(path.join(buildsDir(config.DATA_DIR), other), { recursive: true, force: true });
    const ensured = await ensureIndex(config, silentLog);
    expect(ensured.rebuiltBecause).toMatch(/schema version/);
    expect(ensured.dir).not.toBe(dir);
  });

  it('refuses a keyword index of another format version as a mismatch, not as damage', async () => {
    const { dir } = await buildIndex(config, silentLog);
    const file = path.join(dir, 'bm25.bin');
    const bytes = readFileSync(file);
    // Same length, so only the version in the header differs; the manifest vouches for it.
    const other = Buffer.from(
      bytes.toString('latin1').replace(`"version":${BM25_FORMAT_VERSION}`, '"version":1'),
      'latin1',
    );
    expect(other.equals(bytes)).toBe(false);
    writeFileSync(file, other);
    const manifestFile = path.join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      checksums: { files: Record<string, string> };
    };
    manifest.checksums.files['bm25.bin'] = sha256(other);
    writeFileSync(manifestFile, JSON.stringify(manifest));
    await expect(loadIndex(dir)).rejects.toThrow(IndexMismatchError);
    await expect(loadIndex(dir)).rejects.toThrow(/bm25 v2/);
    // The tests after this one read the current build.
    await buildIndex(config, silentLog);
  });

  it('is stale when the corpus, chunking or model changes, and fresh otherwise', async () => {
    const dir = (await currentBuildDir(config.DATA_DIR))!;
    const manifest = await readManifest(dir);
    const hash = await hashCorpus(config.CORPUS_DIR);
    expect(staleReasons(manifest, config, hash)).toEqual([]);
    expect(staleReasons(manifest, config, 'other')).toContain('the corpus changed');
    expect(staleReasons(manifest, { ...config, CHUNK_MAX_CHARS: 99 }, hash)).toContain(
      'the chunking settings changed',
    );
    expect(
      staleReasons(
        manifest,
        { ...config, EMBEDDING_MODEL: 'Xenova/multilingual-e5-small' },
        hash,
      )[0],
    ).toMatch(/embedding model changed/);
    expect((await ensureIndex(config, silentLog)).rebuiltBecause).toBeNull();
  });

  it('records why it fell back to keywords when the model cannot be had, and does not retry on start', async () => {
    const offline = testConfig({
      EMBEDDING_MODEL: 'Xenova/multilingual-e5-small',
      MODEL_CACHE_DIR: config.DATA_DIR + '/no-models',
      MODEL_DOWNLOAD_TIMEOUT_MS: '2000',
    });
    try {
      const { manifest } = await buildIndex(offline, silentLog);
      expect(manifest.mode).toBe('lexical');
      expect(manifest.requestedModel).toBe('Xenova/multilingual-e5-small');
      expect(manifest.modeReason).toMatch(/unavailable/);
      expect((await ensureIndex(offline, silentLog)).rebuiltBecause).toBeNull();
    } finally {
      offline.cleanup();
    }
  });

  it('rejects a malformed pointer as no index', async () => {
    const other = testConfig();
    try {
      writeFileSync(path.join(other.DATA_DIR, 'current.json'), '{"build":"../../etc"}');
      expect(await currentBuildDir(other.DATA_DIR)).toBeNull();
    } finally {
      other.cleanup();
    }
  });
});

describe('build ids', () => {
  it('sort by the time they were made, to the millisecond', () => {
    const at = Date.parse('2026-12-05T10:47:04.000Z');
    const ids = [999, 5, 120].map((ms) => newBuildId(new Date(at + ms)));
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
  });
});
