/**
 * The passages and mention placements a reindex takes from the build cache as bytes
 * and numbers: what they write must be what the objects would have written.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSyntheticCorpus } from '../bench/synthetic-corpus.js';
import { corpusLimits } from '../src/corpus/files.js';
import { loadCorpus } from '../src/corpus/load.js';
import type { Corpus, CorpusDocument } from '../src/corpus/types.js';
import { BuildCache, cacheDir } from '../src/indexes/build-cache.js';
import {
  mentionPlacer,
  passagesOf,
  type FoundMentions,
  type SplitCorpus,
} from '../src/indexes/cached-steps.js';
import { passagePlacer, storePeople } from '../src/indexes/people-file.js';
import { attachMentions, findMentions, type DocumentMentions } from '../src/people/mentions.js';
import type { PeopleRegistry } from '../src/people/types.js';
import { normalize } from '../src/text/normalize.js';
import { testConfig } from './helpers/config.js';
import { editOneArticle } from './helpers/synthetic.js';

const corpusDir = mkdtempSync(path.join(tmpdir(), 'article-bot-split-corpus-'));
const config = testConfig({ CORPUS_DIR: corpusDir });
const chunking = { maxChars: config.CHUNK_MAX_CHARS, minChars: config.CHUNK_MIN_CHARS };

const text = (parts: Iterable<Uint8Array>): string =>
  Buffer.concat([...parts].map((p) => Buffer.from(p))).toString('utf8');

async function split(enabled = true): Promise<{
  corpus: Corpus;
  cache: BuildCache;
  split: SplitCorpus;
}> {
  const corpus = await loadCorpus(corpusDir, corpusLimits(config));
  const cache = BuildCache.open(config.DATA_DIR, enabled).track(corpus.documents);
  return { corpus, cache, split: passagesOf(corpus.documents, chunking, cache) };
}

/** The speakers of the synthetic articles as people, with their mentions found article by article. */
function registry(corpus: Corpus): {
  people: PeopleRegistry;
  found: Map<CorpusDocument, FoundMentions>;
} {
  const said = /(\p{Script=Han}{3})(?:認為|透露|強調|坦言|回憶)/gu;
  const names = [
    ...new Set(
      corpus.documents.flatMap((d) =>
        d.paragraphs.flatMap((p) => [...p.text.matchAll(said)].map((m) => m[1]!)),
      ),
    ),
  ].sort();
  const found = new Map<CorpusDocument, FoundMentions>();
  const refs = findMentions(
    corpus,
    names.map((n) => [normalize(n)]),
    (doc, key, compute) => {
      const mentions: DocumentMentions = compute();
      found.set(doc, { key, mentions });
      return mentions;
    },
  );
  const people = names.map((name, i) =>
    attachMentions(
      {
        name,
        aliases: [],
        role: name,
        roleQuoted: false,
        roleAt: null,
        source: 'detected',
        forms: [normalize(name)],
        mentionCount: refs[i]!.at.length,
      },
      refs[i]!,
    ),
  );
  return { people: { version: 1, people }, found };
}

describe('passages and placements kept as bytes and numbers', () => {
  beforeAll(async () => {
    await writeSyntheticCorpus(corpusDir, 3);
  });
  afterAll(() => {
    config.cleanup();
    rmSync(corpusDir, { recursive: true, force: true });
  });

  it('writes the same passages.json and normal.json from kept bytes as from fresh objects', async () => {
    const fresh = await split(false);
    const all = fresh.split.allPassages();
    const normal = fresh.corpus.documents.flatMap((d) => fresh.split.normalOf(d));
    expect(all.map((p) => p.id)).toEqual(all.map((_, i) => i));
    expect(text(fresh.split.passagesJson())).toBe(JSON.stringify(all));
    expect(text(fresh.split.normalJson())).toBe(JSON.stringify(normal));
    await fresh.cache.save();

    const kept = await split();
    expect(kept.cache.stats.reused.passages).toBe(3);
    // Written before any object is parsed, then parsed.
    expect(text(kept.split.passagesJson())).toBe(JSON.stringify(all));
    expect(text(kept.split.normalJson())).toBe(JSON.stringify(normal));
    expect(kept.split.allPassages()).toEqual(all);
    expect(kept.corpus.documents.flatMap((d) => kept.split.normalOf(d))).toEqual(normal);
    expect(kept.split.checksums).toEqual(fresh.split.checksums);
    await kept.cache.save();

    // One article split again among two kept ones.
    editOneArticle(corpusDir, 'synthetic-00002.md');
    const mixed = await split();
    expect(mixed.cache.stats.reused.passages).toBe(2);
    expect(mixed.cache.stats.derived.passages).toBe(1);
    const again = await split(false);
    expect(text(mixed.split.passagesJson())).toBe(JSON.stringify(again.split.allPassages()));
    expect(text(mixed.split.normalJson())).toBe(text(again.split.normalJson()));
    await mixed.cache.save();
  });

  it('stores people from kept placements as from the passages themselves, and places damaged ones again', async () => {
    const first = await split();
    const { people, found } = registry(first.corpus);
    expect(people.people.length).toBeGreaterThan(3);
    expect(people.people.every((p) => p.mentionCount > 0)).toBe(true);
    const expected = storePeople(people, passagePlacer(first.split.allPassages()));
    expect(storePeople(people, mentionPlacer(first.split, found, first.cache))).toEqual(expected);
    await first.cache.save();

    const second = await split();
    const again = registry(second.corpus);
    expect(
      storePeople(again.people, mentionPlacer(second.split, again.found, second.cache)),
    ).toEqual(expected);
    expect(second.cache.stats.reused.placement).toBe(3);
    // Kept placements were used without parsing a single passage.
    expect(second.cache.stats.reused.passages).toBe(3);
    await second.cache.save();

    // Placements whose checksum holds but which point past their article's passages.
    const dir = cacheDir(config.DATA_DIR);
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.placement.v8'))) {
      const file = path.join(dir, name);
      const raw = readFileSync(file);
      const body = deserialize(raw.subarray(32)) as { value: Int32Array };
      body.value = body.value.map((n, i) => (i % 3 === 0 ? n + 10_000 : n));
      const bytes = serialize(body);
      writeFileSync(file, Buffer.concat([createHash('sha256').update(bytes).digest(), bytes]));
    }
    const third = await split();
    const damaged = registry(third.corpus);
    expect(
      storePeople(damaged.people, mentionPlacer(third.split, damaged.found, third.cache)),
    ).toEqual(expected);
    expect(third.cache.stats.damaged).toBe(3);
    expect(third.cache.stats.derived.placement).toBe(3);
  });
});
