/**
 * The look-ups that keep a query's cost from growing with the corpus answer exactly what
 * the scans they replaced answered: substring questions through the keyword index's
 * bigrams, the best few BM25 scores without sorting them all, and names found by a
 * question's substrings instead of testing every name.
 */
import { describe, expect, it } from 'vitest';
import { Bm25Index, DEFAULT_BM25 } from '../src/indexes/bm25.js';
import { loadIndex } from '../src/indexes/load.js';
import { searchableText } from '../src/lexicon/field-words.js';
import { CorpusText } from '../src/retrieval/corpus-text.js';
import { normalize } from '../src/text/normalize.js';
import { SubstringLookup } from '../src/text/substring-lookup.js';
import { DEFAULT_TOKENIZER, tokenize } from '../src/text/tokenize.js';
import { keywordEngine } from './helpers/engine.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('CorpusText over the seed article', async () => {
  const { engine } = await keywordEngine();
  const index = await loadIndex(engine.buildDir, { requestedModel: 'none' });
  const texts = index.passages.map((p) => normalize(searchableText(p)));
  const corpus = new CorpusText(texts, index.bm25);
  const scan = (needle: string) => texts.flatMap((t, i) => (t.includes(needle) ? [i] : []));

  it('finds the passages holding a string exactly as a scan of every passage does', () => {
    const next = random(7);
    const needles = new Set<string>([
      '是谁',
      '的',
      'deepseek',
      'r1',
      'ai研究',
      '澳大利亚',
      '不存在的词',
      '',
    ]);
    // Substrings of the corpus (Han, Latin, mixed, across grammar characters) and
    // strings that are not in it.
    for (let k = 0; k < 400; k++) {
      const t = texts[Math.floor(next() * texts.length)]!;
      const at = Math.floor(next() * t.length);
      const needle = t.slice(at, at + 1 + Math.floor(next() * 6));
      needles.add(needle);
      needles.add(`${needle}鑫`);
    }
    for (const needle of needles) {
      expect(corpus.passagesHolding(needle), needle).toEqual(scan(needle));
      expect(corpus.includes(needle), needle).toBe(scan(needle).length > 0);
    }
  });
});

describe('Bm25Index.search with a limit', () => {
  const next = random(11);
  const words = '中国 人才 模型 研究 大学 美国 工程师 公司 回国 训练 成本 开源'.split(' ');
  const docs = Array.from({ length: 300 }, () =>
    Array.from(
      { length: 3 + Math.floor(next() * 12) },
      () => words[Math.floor(next() * words.length)]!,
    ).join(''),
  );
  const index = Bm25Index.build(
    docs.map((d) => tokenize(d)),
    DEFAULT_BM25,
    DEFAULT_TOKENIZER,
  );

  it('returns the best of the full ranking, in its order, within a set or not', () => {
    const within = new Set(docs.flatMap((_, i) => (i % 3 === 0 ? [i] : [])));
    for (const q of ['中国人才', '模型训练成本', '美国大学工程师回国', '开源']) {
      const query = tokenize(q).map((term) => ({ term, weight: 1 }));
      const all = index.search(query);
      for (const limit of [1, 5, 40, 1000]) {
        expect(index.search(query, { limit })).toEqual(all.slice(0, limit));
        expect(index.search(query, { limit, within })).toEqual(
          all.filter((h) => within.has(h.id)).slice(0, limit),
        );
      }
    }
  });
});

describe('SubstringLookup', () => {
  const names = ['潘梓正', '梓正', '禹之鼎', '哈尔滨工业大学', 'deepseek', 'r1'];
  const lookup = new SubstringLookup(
    names.map((n) => [n, n] as const),
    { within: true },
  );
  const prefixes = new SubstringLookup(
    names.map((n) => [n, n] as const),
    { prefixes: true },
  );

  it('finds the keys a text holds, and those holding or beginning with it', () => {
    for (const text of ['潘梓正和禹之鼎', 'deepseek-r1好用吗', '梓', '哈尔滨工业', '']) {
      expect(new Set(lookup.in(text)), text).toEqual(
        new Set(names.filter((n) => text.includes(n))),
      );
      expect(new Set(lookup.containing(text)), text).toEqual(
        new Set(text ? names.filter((n) => n.includes(text)) : []),
      );
      expect(new Set(prefixes.containing(text)), text).toEqual(
        new Set(text ? names.filter((n) => n.startsWith(text)) : []),
      );
    }
  });
});
