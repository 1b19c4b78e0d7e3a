import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load.js';
import type { Paragraph, Passage } from '../src/corpus/types.js';
import { buildIndex } from '../src/indexes/build.js';
import { sha256 } from '../src/indexes/checksum.js';
import { loadIndex } from '../src/indexes/load.js';
import { IndexCorruptError, type Manifest } from '../src/indexes/manifest.js';
import {
  checkMentions,
  restoreMentions,
  passagePlacer,
  storePeople,
  type StoredPeople,
} from '../src/indexes/people-file.js';
import { FILES } from '../src/indexes/store.js';
import type { PersonEntry, PersonMentionEntry } from '../src/people/types.js';
import { silentLog, testConfig } from './helpers/config.js';

function readStored(dir: string): StoredPeople {
  return JSON.parse(readFileSync(path.join(dir, FILES.people), 'utf8')) as StoredPeople;
}

/** Replace people.json and vouch for it in the manifest, as a build that wrote it would. */
function rewritePeople(dir: string, stored: StoredPeople): void {
  const bytes = JSON.stringify(stored);
  writeFileSync(path.join(dir, FILES.people), bytes);
  const manifestFile = path.join(dir, FILES.manifest);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  manifest.checksums.files[FILES.people] = sha256(Buffer.from(bytes));
  writeFileSync(manifestFile, JSON.stringify(manifest));
}

describe('people.json keeps mentions as places in passages', () => {
  // The default chunking, and one that splits long paragraphs and merges short blocks,
  // so that mentions fall in pieces and in merged passages' later blocks.
  const configs = [testConfig(), testConfig({ CHUNK_MAX_CHARS: '60', CHUNK_MIN_CHARS: '50' })];
  afterAll(() => configs.forEach((c) => c.cleanup()));

  it.each([0, 1])('restores every mention verbatim from its passage (chunking %i)', async (i) => {
    const config = configs[i]!;
    const { dir } = await buildIndex(config, silentLog);
    const loaded = await loadIndex(dir);
    const corpus = await loadCorpus(config.CORPUS_DIR);
    const blocks = new Map<string, Paragraph>();
    for (const doc of corpus.documents)
      for (const p of doc.paragraphs) blocks.set(`${p.doc}:${p.n}`, p);

    const mentions = loaded.people.people.flatMap((p) => p.mentions);
    expect(mentions.length).toBeGreaterThan(20);
    for (const m of mentions) {
      const block = blocks.get(`${m.doc}:${m.paragraph}`)!;
      expect(m.text).toBe(block.text.slice(m.start - block.start, m.end - block.start));
      expect(m.section).toBe(block.section);
      expect(m.kind).toBe(block.kind);
    }
    // Every sentence was found in a passage: none is stored as a copy.
    const stored = readStored(dir).people;
    expect(stored.reduce((n, p) => n + p.mentions.length / 6, 0)).toBe(mentions.length);
    expect(stored.filter((p) => p.texts !== undefined)).toEqual([]);
  });

  it('calls a mention that does not fit its passage a broken index, naming people.json', async () => {
    const { dir } = await buildIndex(configs[0]!, silentLog);
    const stored = readStored(dir);
    const person = stored.people.find((p) => p.mentions.length > 0)!;
    const original = [...person.mentions];
    person.mentions[1] = 100_000;
    rewritePeople(dir, stored);
    await expect(loadIndex(dir)).rejects.toThrow(IndexCorruptError);
    await expect(loadIndex(dir)).rejects.toThrow(/people\.json.*run past the end of passage/);

    person.mentions = [...original];
    person.mentions[2] = 9_999;
    rewritePeople(dir, stored);
    await expect(loadIndex(dir)).rejects.toThrow(/does not cover it/);

    person.mentions = original.slice(0, -1);
    rewritePeople(dir, stored);
    await expect(loadIndex(dir)).rejects.toThrow(/cut short/);
  });
});

describe('storePeople', () => {
  const passage = (id: number, over: Partial<Passage>): Passage => ({
    id,
    doc: 'a',
    section: null,
    kind: 'paragraph',
    tags: [],
    paragraphs: [1],
    paragraphStarts: [0],
    text: '',
    start: 0,
    end: 0,
    ...over,
  });
  const person = (mentions: PersonMentionEntry[]): PersonEntry => ({
    name: '宋俊瀟',
    aliases: [],
    role: '',
    roleQuoted: false,
    roleAt: null,
    source: 'detected',
    forms: ['宋俊潇'],
    mentionCount: mentions.length,
    mentions,
  });
  const mention = (over: Partial<PersonMentionEntry>): PersonMentionEntry => ({
    doc: 'a',
    paragraph: 1,
    section: null,
    kind: 'paragraph',
    text: '',
    start: 0,
    end: 0,
    names: ['宋俊瀟'],
    ...over,
  });
  const roundTrip = (passages: Passage[], mentions: PersonMentionEntry[]) => {
    const stored = storePeople({ version: 1, people: [person(mentions)] }, passagePlacer(passages));
    const kept = (JSON.parse(JSON.stringify(stored)) as StoredPeople).people[0]!;
    checkMentions(kept, passages);
    return { stored: kept, restored: restoreMentions(kept, passages) };
  };

  it('finds a caption merged after a paragraph, and keeps its kind', () => {
    // ¶1 (source 0–7) and the caption ¶2 (source 10–15) merged into one passage.
    const passages = [
      passage(0, {
        paragraphs: [1, 2],
        paragraphStarts: [0, 8],
        text: '宋俊瀟說了話。\n圖為宋俊瀟',
        start: 0,
        end: 15,
      }),
    ];
    const caption = mention({
      paragraph: 2,
      kind: 'caption',
      text: '圖為宋俊瀟',
      start: 10,
      end: 15,
    });
    const { stored, restored } = roundTrip(passages, [caption]);
    expect(stored.mentions).toEqual([0, 8, 2, 10, 15, 0]);
    expect(stored.names).toEqual([['宋俊瀟']]);
    expect(stored.captions).toEqual([0]);
    expect(restored).toEqual([caption]);
  });

  it('keeps the sentence itself when no passage holds it whole', () => {
    const passages = [passage(0, { text: '宋俊瀟說', start: 0, end: 4 })];
    const across = mention({ text: '宋俊瀟說了話。', start: 0, end: 7 });
    const { stored, restored } = roundTrip(passages, [across]);
    expect(stored.mentions[1]).toBe(-1);
    expect(stored.texts).toEqual(['宋俊瀟說了話。']);
    expect(restored).toEqual([across]);
  });
});
