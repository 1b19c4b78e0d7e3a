import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCorpus } from '../src/corpus/load.js';
import { articleMemo } from '../src/indexes/article-memo.js';
import { BuildCache, cacheDir, documentKey, settingsKey } from '../src/indexes/build-cache.js';

const corpus = mkdtempSync(path.join(tmpdir(), 'article-bot-memo-corpus-'));
const data = mkdtempSync(path.join(tmpdir(), 'article-bot-memo-data-'));
afterAll(() => {
  rmSync(corpus, { recursive: true, force: true });
  rmSync(data, { recursive: true, force: true });
});

function article(id: string, body: string): string {
  return `---\nid: ${id}\ntitle: 標題 ${id}\nsource: 觀察者網\nlanguage: zh-Hant\n---\n\n${body}\n`;
}

/** Loads the corpus through a fresh memo, as a build does, and says which files were parsed. */
async function load(enabled = true) {
  const cache = BuildCache.open(data, enabled);
  const memo = articleMemo(cache);
  const parsed: string[] = [];
  const loaded = await loadCorpus(corpus, undefined, {
    parse: (name, bytes, parseNow) =>
      memo.parse(name, bytes, () => {
        parsed.push(name);
        return parseNow();
      }),
  });
  memo.keep();
  return { loaded, parsed, keys: memo.keys, stats: cache.stats };
}

describe('parsed articles kept between builds', () => {
  writeFileSync(path.join(corpus, 'a.md'), article('a', '第一段,潘梓正回國。\n\n第二段。'));
  writeFileSync(path.join(corpus, 'b.md'), article('b', '另一篇文章的段落。'));
  writeFileSync(path.join(corpus, 'empty.md'), article('empty', ''));

  it('parses every file once, then only the file that changed, and gives what parsing gives', async () => {
    const first = await load();
    expect(first.parsed).toEqual(['a.md', 'b.md', 'empty.md']);
    expect(first.loaded).toEqual(await loadCorpus(corpus));
    expect(first.loaded.skipped.map((s) => s.file)).toEqual(['empty.md']);

    const again = await load();
    expect(again.parsed).toEqual([]);
    expect(again.loaded).toEqual(await loadCorpus(corpus));
    // The keys kept are the keys of the documents as parsed.
    for (const doc of again.loaded.documents) expect(again.keys.get(doc)).toBe(documentKey(doc));

    writeFileSync(path.join(corpus, 'b.md'), article('b', '另一篇文章的段落,已更正。'));
    const edited = await load();
    expect(edited.parsed).toEqual(['b.md']);
    expect(edited.loaded).toEqual(await loadCorpus(corpus));
  });

  it('parses a renamed file again, since its name is part of what it becomes', async () => {
    await load();
    rmSync(path.join(corpus, 'b.md'));
    writeFileSync(path.join(corpus, 'c.md'), article('b', '另一篇文章的段落,已更正。'));
    const renamed = await load();
    expect(renamed.parsed).toEqual(['c.md']);
    expect(renamed.loaded.documents.map((d) => d.meta.file)).toEqual(['a.md', 'c.md']);
  });

  it('parses everything again when the kept copy is damaged or the cache is off', async () => {
    await load();
    const file = readdirSync(cacheDir(data)).find((n) => n === 'shared-articles.v8')!;
    writeFileSync(path.join(cacheDir(data), file), 'not a cache section');
    const damaged = await load();
    expect(damaged.parsed).toEqual(['a.md', 'c.md', 'empty.md']);
    expect(damaged.stats.damaged).toBe(1);
    expect(damaged.loaded).toEqual(await loadCorpus(corpus));

    // A memo whose checksum holds but whose entries are not parsed articles.
    rmSync(path.join(cacheDir(data), 'shared-articles.v8'));
    const cache = BuildCache.open(data, true);
    const memo = cache.memo(
      'articles',
      settingsKey('articles'),
      (_v): _v is Uint8Array => true,
      () => Buffer.from('unused'),
    );
    for (const name of ['a.md', 'c.md', 'empty.md']) {
      const bytes = readFileSync(path.join(corpus, name));
      const id = createHash('sha256').update(name).update('\0').update(bytes).digest('hex');
      memo.get(id, () => (name === 'a.md' ? Buffer.from('not v8 data') : Buffer.from('')));
    }
    memo.keep();
    const odd = await load();
    expect(odd.parsed).toEqual(['a.md', 'c.md', 'empty.md']);
    expect(odd.stats.damaged).toBe(3);
    expect(odd.loaded).toEqual(await loadCorpus(corpus));

    const full = await load(false);
    expect(full.parsed).toEqual(['a.md', 'c.md', 'empty.md']);
  });
});
