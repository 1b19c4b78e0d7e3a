import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticCorpus } from '../bench/synthetic-corpus.js';
import { articlesReused, cacheDir } from '../src/indexes/build-cache.js';
import { buildIndex } from '../src/indexes/build.js';
import { corpusLimits } from '../src/corpus/files.js';
import { FILES } from '../src/indexes/store.js';
import { verifyBuild } from '../src/indexes/verify.js';
import { jiebaExtraWords } from '../src/text/jieba.js';
import { silentLog, testConfig } from './helpers/config.js';
import { editOneArticle } from './helpers/synthetic.js';

const ARTICLES = 4;
/** Every file a keyword-only build writes; the manifest without its times and id. */
const COMPARED = [
  FILES.passages,
  FILES.normal,
  FILES.bm25,
  FILES.people,
  FILES.crosslingual,
  FILES.summary,
];

const corpus = mkdtempSync(path.join(tmpdir(), 'article-bot-cache-corpus-'));
const incremental = testConfig({ CORPUS_DIR: corpus });
const full = testConfig({ CORPUS_DIR: corpus });

function bytes(dir: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(dir, FILES.manifest), 'utf8')) as Record<
    string,
    unknown
  >;
  for (const volatile of ['buildId', 'createdAt', 'buildMs']) delete manifest[volatile];
  return {
    ...Object.fromEntries(
      COMPARED.map((name) => [name, readFileSync(path.join(dir, name), 'utf8')]),
    ),
    [FILES.manifest]: JSON.stringify(manifest),
  };
}

/** The articles the cache holds sections of (files are <doc key>.<section>.v8). */
function cacheEntries(dataDir: string): string[] {
  const names = readdirSync(cacheDir(dataDir));
  return [...new Set(names.flatMap((n) => /^([0-9a-f]{64})\.[a-z-]+\.v8$/.exec(n)?.[1] ?? []))];
}

describe('incremental reindex through the build cache', () => {
  beforeAll(async () => {
    await writeSyntheticCorpus(corpus, ARTICLES);
    // Jieba keeps the words a build teaches it for the rest of the process, and the
    // next build detects names with them (a fresh process would not), so cached
    // names are keyed by them. Build until a build teaches nothing new, so that
    // every build below starts from the same words, as separate reindex processes do.
    for (let round = 0; round < 5; round++) {
      const before = jiebaExtraWords().length;
      await buildIndex(incremental, silentLog);
      if (round > 0 && jiebaExtraWords().length === before) break;
    }
  });
  afterAll(() => {
    incremental.cleanup();
    full.cleanup();
    rmSync(corpus, { recursive: true, force: true });
  });

  it('after one article changed, rebuilds only it and writes what a full build writes, byte for byte', async () => {
    editOneArticle(corpus, 'synthetic-00001.md');
    const again = await buildIndex(incremental, silentLog);
    const fresh = await buildIndex(full, silentLog, { full: true });
    // What detection and the changed article's headwords need from the dictionary.
    expect(again.cache.reused['dictionary-names']).toBe(1);
    expect(again.cache.reused['dictionary-headwords']).toBe(1);
    expect(fresh.cache.derived['dictionary-table']).toBe(1);
    // The dictionary file is the same (its metadata says so): its hash is not taken again.
    expect(again.cache.reused['dictionary-hash']).toBe(1);
    expect(fresh.cache.derived['dictionary-hash']).toBe(1);
    // The last build's keyword index is patched: the other articles' segments are not read.
    expect(again.cache.reused['keywords-base']).toBe(1);
    expect(again.cache.reused['keywords']).toBeUndefined();
    expect(again.cache.derived['keywords']).toBe(1);
    expect(fresh.cache.reused['keywords-base']).toBeUndefined();
    expect(articlesReused(again.cache)).toBe(ARTICLES - 1);
    expect(articlesReused(fresh.cache)).toBe(0);
    // The kept counts of the articles' shares are patched: only the changed article's
    // share is read, old and new.
    expect(again.cache.reused['crosslingual-counts']).toBe(1);
    expect(again.cache.reused['crosslingual']).toBeUndefined();
    expect(again.cache.derived['crosslingual']).toBe(1);
    expect(again.cache.reused['names']).toBe(ARTICLES - 1);
    // The typo names nobody new, so the other articles' mentions, standalone names
    // and given names stand.
    expect(again.cache.reused['mentions']).toBe(ARTICLES - 1);
    expect(again.cache.reused['standalone']).toBe(ARTICLES - 1);
    expect(again.cache.derived['given-names']).toBe(1);
    // Nobody new to romanize: the kept pinyin aliases answer for everyone.
    expect(again.cache.reused['romanized']).toBe(1);
    expect(fresh.cache.reused).toEqual({});
    expect(bytes(again.dir)).toEqual(bytes(fresh.dir));
    expect(again.manifest.checksums).toEqual(fresh.manifest.checksums);
    const verified = await verifyBuild(again.dir, corpus, corpusLimits(incremental));
    expect(verified.problems).toEqual([]);
    // The changed article's old entry is gone: one entry per article.
    expect(cacheEntries(incremental.DATA_DIR)).toHaveLength(ARTICLES);
  });

  it('reuses the English→Chinese table when an edit adds nothing new to the corpus as a whole', async () => {
    // A paragraph repeated: every word, tag and headword in it is already in the corpus.
    const file = path.join(corpus, 'synthetic-00002.md');
    const text = readFileSync(file, 'utf8');
    const repeated = text.replace(/\n\n([^\n<#][^\n]*)\n/, '\n\n$1\n\n$1\n');
    expect(repeated).not.toBe(text);
    writeFileSync(file, repeated);
    const reading = 'Reading the CC-CEDICT dictionary';
    const steps: string[] = [];
    const again = await buildIndex(incremental, silentLog, { onStep: (s) => steps.push(s) });
    expect(again.cache.derived['crosslingual']).toBe(1);
    expect(again.cache.reused['crosslingual-table']).toBe(1);
    // The table is kept, so the part of the dictionary's facts only it reads is not read.
    expect(again.cache.reused['dictionary-table']).toBeUndefined();
    expect(again.cache.reused['dictionary-headwords']).toBe(1);
    // The dictionary's facts and the table were kept: the dictionary itself is not read.
    expect(steps).not.toContain(reading);
    const freshSteps: string[] = [];
    const fresh = await buildIndex(full, silentLog, {
      full: true,
      onStep: (s) => freshSteps.push(s),
    });
    expect(fresh.cache.derived['crosslingual-table']).toBe(1);
    expect(freshSteps).toContain(reading);
    expect(bytes(again.dir)).toEqual(bytes(fresh.dir));

    // A new word is a new entry for the table: made again, still as a full build makes it.
    writeFileSync(file, repeated.replace(/\n\n([^\n<#][^\n]*)\n/, '\n\n$1Kubernetes\n'));
    steps.length = 0;
    const grown = await buildIndex(incremental, silentLog, { onStep: (s) => steps.push(s) });
    expect(grown.cache.derived['crosslingual-table']).toBe(1);
    expect(steps).toContain(reading);
    expect(bytes(grown.dir)).toEqual(
      bytes((await buildIndex(full, silentLog, { full: true })).dir),
    );
  });

  it('recomputes a damaged entry instead of failing, and the result is unchanged', async () => {
    const before = bytes((await buildIndex(incremental, silentLog)).dir);
    // Without the kept keyword index, the build reads every article's segment.
    rmSync(path.join(cacheDir(incremental.DATA_DIR), 'keywords-base.bin'));
    const [victim, other] = cacheEntries(incremental.DATA_DIR);
    const tokensOf = (doc: string) =>
      path.join(cacheDir(incremental.DATA_DIR), `${doc}.keywords.v8`);
    writeFileSync(tokensOf(victim!), readFileSync(tokensOf(victim!)).subarray(0, 100));
    // A well-formed body, but not the one the checksum vouches for: one byte of text changed.
    const body = readFileSync(tokensOf(other!));
    body.writeUInt8(body.readUInt8(body.length - 3) ^ 1, body.length - 3);
    writeFileSync(tokensOf(other!), body);
    const rebuilt = await buildIndex(incremental, silentLog);
    // The two segments, and the kept index its record vouches for but cannot be read.
    expect(rebuilt.cache.damaged).toBe(3);
    expect(rebuilt.cache.reused['keywords-base']).toBeUndefined();
    expect(rebuilt.cache.derived['keywords']).toBe(2);
    expect(bytes(rebuilt.dir)).toEqual(before);
  });

  it('assembles the keyword index again when the kept one is altered, and patches it when it is intact', async () => {
    const kept = path.join(cacheDir(incremental.DATA_DIR), 'keywords-base.bin');
    const before = await buildIndex(incremental, silentLog);
    // Linked from the published build, not copied.
    expect(statSync(kept).ino).toBe(statSync(path.join(before.dir, FILES.bm25)).ino);
    // One term count changed: still a well-formed index, but not the one recorded.
    const altered = readFileSync(kept);
    altered.writeUInt8(altered.readUInt8(altered.length - 2) ^ 1, altered.length - 2);
    rmSync(kept);
    writeFileSync(kept, altered);
    editOneArticle(corpus, 'synthetic-00003.md');
    const rebuilt = await buildIndex(incremental, silentLog);
    expect(rebuilt.cache.damaged).toBe(1);
    expect(rebuilt.cache.reused['keywords-base']).toBeUndefined();
    expect(rebuilt.cache.reused['keywords']).toBe(ARTICLES - 1);
    const fresh = bytes((await buildIndex(full, silentLog, { full: true })).dir);
    expect(bytes(rebuilt.dir)).toEqual(fresh);

    editOneArticle(corpus, 'synthetic-00003.md');
    const patched = await buildIndex(incremental, silentLog);
    expect(patched.cache.reused['keywords-base']).toBe(1);
    expect(patched.cache.damaged).toBe(0);
    expect(bytes(patched.dir)).toEqual(
      bytes((await buildIndex(full, silentLog, { full: true })).dir),
    );
  });

  it('re-splits every article when the chunking changes, re-tokenizes them when the segmenter does, and keeps nothing of a removed article', async () => {
    const rechunked = { ...incremental, CHUNK_MAX_CHARS: incremental.CHUNK_MAX_CHARS + 100 };
    const built = await buildIndex(rechunked, silentLog);
    expect(built.cache.derived['passages']).toBe(ARTICLES);
    expect(built.cache.reused['passages']).toBeUndefined();
    // The names and terms do not depend on chunking: their per-article work is kept.
    expect(built.cache.reused['names']).toBe(ARTICLES);
    expect(built.cache.reused['crosslingual-counts']).toBe(1);
    expect(built.cache.derived['crosslingual']).toBeUndefined();

    // Another segmenter makes other tokens (and summaries, chosen by them) from the same passages.
    const resegmented = { ...rechunked, SEGMENTER: 'intl' as const };
    const tokenized = await buildIndex(resegmented, silentLog);
    expect(tokenized.cache.derived['keywords']).toBe(ARTICLES);
    expect(tokenized.cache.derived['summary']).toBe(ARTICLES);
    expect(tokenized.cache.reused['keywords']).toBeUndefined();
    expect(tokenized.cache.reused['passages']).toBe(ARTICLES);
    const fresh = await buildIndex(
      { ...full, CHUNK_MAX_CHARS: rechunked.CHUNK_MAX_CHARS, SEGMENTER: 'intl' },
      silentLog,
      { full: true },
    );
    expect(bytes(tokenized.dir)).toEqual(bytes(fresh.dir));

    rmSync(path.join(corpus, 'synthetic-00002.md'));
    const smaller = await buildIndex(incremental, silentLog);
    expect(smaller.manifest.counts.documents).toBe(ARTICLES - 1);
    expect(cacheEntries(incremental.DATA_DIR)).toHaveLength(ARTICLES - 1);
    expect(bytes(smaller.dir)).toEqual(
      bytes((await buildIndex(full, silentLog, { full: true })).dir),
    );
  });

  it("takes a removed article's share out of the kept counts, and counts again when it cannot", async () => {
    // A copy names no one new, so the people and the names looked for stay the same.
    const copy = path.join(corpus, 'synthetic-copy.md');
    const copied = readFileSync(path.join(corpus, 'synthetic-00001.md'), 'utf8').replaceAll(
      'synthetic-00001',
      'synthetic-copy',
    );
    const keys = () => new Set(cacheEntries(incremental.DATA_DIR));
    const before = keys();
    writeFileSync(copy, copied);
    await buildIndex(incremental, silentLog);
    const copyKey = [...keys()].find((k) => !before.has(k))!;
    rmSync(copy);
    const smaller = await buildIndex(incremental, silentLog);
    expect(smaller.cache.reused['crosslingual-counts']).toBe(1);
    expect(smaller.cache.reused['crosslingual']).toBeUndefined();
    const fresh = bytes((await buildIndex(full, silentLog, { full: true })).dir);
    expect(bytes(smaller.dir)).toEqual(fresh);
    expect(keys().has(copyKey)).toBe(false);

    // With the removed article's share gone from the cache, every share is read again.
    writeFileSync(copy, copied);
    await buildIndex(incremental, silentLog);
    rmSync(path.join(cacheDir(incremental.DATA_DIR), `${copyKey}.crosslingual.v8`));
    rmSync(copy);
    const recounted = await buildIndex(incremental, silentLog);
    expect(recounted.cache.reused['crosslingual']).toBe(smaller.manifest.counts.documents);
    expect(bytes(recounted.dir)).toEqual(fresh);
  });
});

describe('a build cache that cannot be written', () => {
  const config = testConfig();
  afterAll(() => config.cleanup());

  it('costs the next build time, not this build: it is published all the same', async () => {
    // A file where the cache folder should be: nothing in it can be made, or removed.
    writeFileSync(cacheDir(config.DATA_DIR), 'not a folder');
    const built = await buildIndex(config, silentLog);
    expect(built.manifest.counts.passages).toBeGreaterThan(0);
    expect(readdirSync(built.dir)).toContain(FILES.manifest);
    expect(
      (await verifyBuild(built.dir, config.CORPUS_DIR, corpusLimits(config))).problems,
    ).toEqual([]);
  });
});
