import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../src/indexes/build.js';
import { loadIndex } from '../src/indexes/load.js';
import { sha256 } from '../src/indexes/checksum.js';
import { IndexCorruptError, IndexMismatchError, type Manifest } from '../src/indexes/manifest.js';
import { searchableText } from '../src/lexicon/field-words.js';
import { normalize } from '../src/text/normalize.js';
import { FILES } from '../src/indexes/store.js';
import { silentLog, testConfig } from './helpers/config.js';

// Each test damages a build of its own (a build is a new folder; the cache makes the second quick).
describe('loading index files', () => {
  const config = testConfig();
  afterAll(() => config.cleanup());

  it('checks the English→Chinese table, and calls a malformed one a broken index', async () => {
    const { dir } = await buildIndex(config, silentLog);
    const loaded = await loadIndex(dir);
    expect(loaded.crosslingual.version).toBe(1);
    expect(Object.keys(loaded.crosslingual.english).length).toBeGreaterThan(100);

    const file = path.join(dir, FILES.crosslingual);
    const table = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, JSON.stringify({ ...table, english: { ai: [['人工智能', 2, 'd']] } }));
    await expect(loadIndex(dir)).rejects.toThrow(IndexMismatchError);
    await expect(loadIndex(dir)).rejects.toThrow(/npm run reindex/);
  });

  it('normal.json holds each passage’s searchable text in normal form, and a short one is a broken index', async () => {
    const { dir } = await buildIndex(config, silentLog);
    const loaded = await loadIndex(dir);
    expect(loaded.normalTexts).toEqual(loaded.passages.map((p) => normalize(searchableText(p))));

    const file = path.join(dir, FILES.normal);
    const texts = JSON.parse(readFileSync(file, 'utf8')) as string[];
    const bytes = JSON.stringify(texts.slice(1));
    writeFileSync(file, bytes);
    const manifestFile = path.join(dir, FILES.manifest);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    manifest.checksums.files[FILES.normal] = sha256(Buffer.from(bytes));
    writeFileSync(manifestFile, JSON.stringify(manifest));
    await expect(loadIndex(dir)).rejects.toThrow(IndexCorruptError);
    await expect(loadIndex(dir)).rejects.toThrow(/normal\.json.*texts for/);
  });
});
