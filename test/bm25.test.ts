import { describe, expect, it } from 'vitest';
import {
  Bm25Builder,
  Bm25FormatError,
  Bm25Index,
  DEFAULT_BM25,
  bm25Segment,
  type Bm25Json,
} from '../src/indexes/bm25.js';
import { DEFAULT_TOKENIZER, tokenize } from '../src/text/tokenize.js';

const docs = [
  '潘梓正碩士畢業於澳大利亞阿德萊德大學。',
  '禹之鼎是英偉達高級研究科學家。',
  '艾利森2月1日發文。',
];

describe('Bm25Index', () => {
  const index = Bm25Index.build(
    docs.map((d) => tokenize(d)),
    DEFAULT_BM25,
    DEFAULT_TOKENIZER,
  );

  it('ranks the passage holding the query terms first, and ignores unknown terms', () => {
    const hits = index.search(tokenize('阿德萊德大學').map((term) => ({ term, weight: 1 })));
    expect(hits[0]!.id).toBe(0);
    expect(index.search([{ term: '足球', weight: 1 }])).toEqual([]);
  });

  it('honours query term weights', () => {
    const a = index.search([
      { term: '英伟', weight: 1 },
      { term: '艾利森', weight: 0.1 },
    ]);
    const b = index.search([
      { term: '英伟', weight: 0.1 },
      { term: '艾利森', weight: 1 },
    ]);
    expect(a[0]!.id).toBe(1);
    expect(b[0]!.id).toBe(2);
  });

  it('round-trips through JSON and refuses another version or tokenizer', () => {
    const json = JSON.parse(JSON.stringify(index.toJSON())) as Bm25Json;
    const again = Bm25Index.fromJSON(json, { tokenizer: DEFAULT_TOKENIZER });
    const q = [{ term: '禹之鼎', weight: 1 }];
    expect(again.search(q)).toEqual(index.search(q));
    expect(() =>
      Bm25Index.fromJSON({ ...json, version: 99 }, { tokenizer: DEFAULT_TOKENIZER }),
    ).toThrow(Bm25FormatError);
    expect(() =>
      Bm25Index.fromJSON(json, { tokenizer: { segmenter: 'intl', bigrams: true } }),
    ).toThrow(/tokenizer/);
  });
});

describe('Bm25Builder segments', () => {
  // Seeded so a failure can be replayed: passages drawn from a small vocabulary, so
  // terms recur within and across segments, with repeats for term counts above 1.
  function passages(seed: number, count: number): string[][] {
    let s = seed;
    const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const vocabulary = Array.from({ length: 40 }, (_, i) => `詞${i}`);
    return Array.from({ length: count }, () =>
      Array.from({ length: Math.floor(next() * 12) }, () => vocabulary[Math.floor(next() * 40)]!),
    );
  }

  it('builds the same index from per-article segments as from one passage at a time', () => {
    const articles = [passages(1, 7), passages(2, 0), passages(3, 1), passages(4, 12)];
    const byPassage = new Bm25Builder();
    for (const terms of articles.flat()) byPassage.add(terms);
    const bySegment = new Bm25Builder();
    for (const article of articles) bySegment.addSegment(bm25Segment(article));
    const a = byPassage.finish(DEFAULT_BM25, DEFAULT_TOKENIZER);
    const b = bySegment.finish(DEFAULT_BM25, DEFAULT_TOKENIZER);
    expect(JSON.stringify(b.toJSON())).toBe(JSON.stringify(a.toJSON()));
    expect(b.size).toBe(20);
  });

  it('refuses a segment whose terms and postings disagree', () => {
    const segment = bm25Segment([['甲', '乙']]);
    expect(() => new Bm25Builder().addSegment({ ...segment, terms: '甲' })).toThrow(RangeError);
  });
});
