import { describe, expect, it } from 'vitest';
import {
  Bm25Builder,
  Bm25DataError,
  Bm25FormatError,
  Bm25Index,
  bm25Idf,
  bm25Segment,
  segmentFits,
  DEFAULT_BM25,
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

  it('round-trips through its bytes and refuses another version or tokenizer', () => {
    const bytes = index.serialize();
    const again = Bm25Index.deserialize(bytes, { tokenizer: DEFAULT_TOKENIZER });
    for (const term of tokenize(docs.join(''))) {
      const q = [{ term, weight: 1 }];
      expect(again.search(q), term).toEqual(index.search(q));
      expect([...again.passagesWith(term)]).toEqual([...index.passagesWith(term)]);
    }
    expect(again.vocabularySize).toBe(index.vocabularySize);
    // The header is JSON after "BM25" and its length: rewrite its version in place.
    const text = Buffer.from(bytes).toString('latin1');
    const other = Buffer.from(text.replace('"version":2', '"version":9'), 'latin1');
    expect(() => Bm25Index.deserialize(other, { tokenizer: DEFAULT_TOKENIZER })).toThrow(
      Bm25FormatError,
    );
    expect(() =>
      Bm25Index.deserialize(bytes, { tokenizer: { segmenter: 'intl', bigrams: true } }),
    ).toThrow(/tokenizer/);
    expect(() =>
      Bm25Index.deserialize(bytes.subarray(0, bytes.length - 8), {
        tokenizer: DEFAULT_TOKENIZER,
      }),
    ).toThrow(Bm25DataError);
    expect(() =>
      Bm25Index.deserialize(Buffer.from('{"format":"bm25"}'), { tokenizer: DEFAULT_TOKENIZER }),
    ).toThrow(Bm25FormatError);
  });

  it('loads from bytes that do not start on a word boundary', () => {
    const bytes = index.serialize();
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    const again = Bm25Index.deserialize(shifted, { tokenizer: DEFAULT_TOKENIZER });
    const q = tokenize('禹之鼎英偉達').map((term) => ({ term, weight: 1 }));
    expect(again.search(q)).toEqual(index.search(q));
  });
});

/**
 * The scoring the index had before its postings became typed arrays: a list of
 * [id, tf, …] per term and the length normalisation worked out per posting.
 */
function referenceSearch(
  docs: string[][],
  query: { term: string; weight: number }[],
): { id: number; score: number }[] {
  const { k1, b } = DEFAULT_BM25;
  const postings = new Map<string, number[]>();
  docs.forEach((terms, id) => {
    const tf = new Map<string, number>();
    for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const [t, n] of tf) postings.set(t, [...(postings.get(t) ?? []), id, n]);
  });
  const lengths = docs.map((d) => d.length);
  const avg = lengths.reduce((x, y) => x + y, 0) / Math.max(1, lengths.length);
  const scores = new Float64Array(docs.length);
  const merged = new Map<string, number>();
  for (const q of query) merged.set(q.term, (merged.get(q.term) ?? 0) + q.weight);
  for (const [term, weight] of merged) {
    const list = postings.get(term);
    if (!list) continue;
    const idf = bm25Idf(docs.length, list.length / 2);
    for (let i = 0; i < list.length; i += 2) {
      const id = list[i]!;
      const tf = list[i + 1]!;
      const norm = 1 - b + (b * lengths[id]!) / avg;
      scores[id]! += weight * idf * ((tf * (k1 + 1)) / (tf + k1 * norm));
    }
  }
  return [...scores]
    .map((score, id) => ({ id, score }))
    .filter((h) => h.score > 0)
    .sort((x, y) => y.score - x.score || x.id - y.id);
}

describe('Bm25Index typed postings', () => {
  let seed = 5;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const vocabulary = Array.from({ length: 60 }, (_, i) => `w${i}`);
  const pick = () => vocabulary[Math.floor(next() ** 2 * vocabulary.length)]!;
  const docs = Array.from({ length: 800 }, () =>
    Array.from({ length: 1 + Math.floor(next() * 30) }, pick),
  );
  const built = Bm25Index.build(docs, DEFAULT_BM25, DEFAULT_TOKENIZER);
  const loaded = Bm25Index.deserialize(built.serialize(), { tokenizer: DEFAULT_TOKENIZER });

  it('score random weighted queries as the per-term lists did, to the bit, built or loaded', () => {
    for (let n = 0; n < 200; n++) {
      const query = Array.from({ length: 1 + Math.floor(next() * 40) }, () => ({
        term: next() < 0.05 ? 'absent' : pick(),
        weight: Math.round(next() * 100) / 50,
      }));
      const expected = referenceSearch(docs, query);
      for (const index of [built, loaded]) {
        expect(index.search(query)).toEqual(expected);
        expect(index.search(query, { limit: 40 })).toEqual(expected.slice(0, 40));
      }
    }
  });

  it('answer df, passagesWith and termsIn from the same postings', () => {
    for (const term of [...vocabulary, 'absent']) {
      const holding = docs.flatMap((d, id) => (d.includes(term) ? [id] : []));
      expect(loaded.df(term)).toBe(holding.length);
      expect([...loaded.passagesWith(term)]).toEqual(holding);
      for (const id of [0, 17, 799])
        expect(loaded.termsIn(id, [term]), `${term} in ${id}`).toEqual(
          docs[id]!.includes(term) ? [term] : [],
        );
    }
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
    expect(Buffer.from(b.serialize())).toEqual(Buffer.from(a.serialize()));
    expect(b.size).toBe(20);
  });

  it('refuses a passage that repeats one term more often than a posting can count', () => {
    const builder = new Bm25Builder();
    builder.add(Array.from({ length: 0xffff }, () => '甲'));
    expect(() => builder.add(Array.from({ length: 0x10000 }, () => '乙'))).toThrow(
      /repeats "乙" 65536 times/,
    );
  });

  it('refuses a segment whose parts do not agree', () => {
    const segment = bm25Segment([['甲', '乙'], ['乙']]);
    expect(segmentFits(segment)).toBe(true);
    expect(segmentFits(bm25Segment([]))).toBe(true);
    expect(segmentFits({ ...segment, terms: '甲' })).toBe(false);
    expect(segmentFits({ ...segment, terms: '甲\u0000乙\u0000丙' })).toBe(false);
    expect(segmentFits({ ...segment, offsets: segment.offsets.subarray(1) })).toBe(false);
    expect(segmentFits({ ...segment, lengths: segment.lengths.subarray(1) })).toBe(false);
    expect(() => new Bm25Builder().addSegment({ ...segment, terms: '甲' })).toThrow(RangeError);
    expect(() => bm25Segment([['甲\u0000乙']])).toThrow(RangeError);
  });
});

describe('Bm25Index.patch', () => {
  function passages(seed: number, count: number): string[][] {
    let s = seed;
    const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    // Terms of one article's own beside shared ones, so a patch both drops and adds terms.
    const words = (n: number) => (next() < 0.3 ? `專${seed}_${n % 5}` : `詞${n % 30}`);
    return Array.from({ length: count }, () =>
      Array.from({ length: Math.floor(next() * 12) }, () => words(Math.floor(next() * 1000))),
    );
  }
  const built = (articles: string[][][]) => {
    const builder = new Bm25Builder();
    for (const terms of articles.flat()) builder.add(terms);
    return builder.finish(DEFAULT_BM25, DEFAULT_TOKENIZER);
  };
  /** Kept runs for the articles the two lists share (same object), segments for the rest. */
  const partsFor = (before: string[][][], after: string[][][]) => {
    const starts = before.map((_, i) => before.slice(0, i).flat().length);
    return after.map((article) => {
      const i = before.indexOf(article);
      return i >= 0
        ? { kept: { from: starts[i]!, to: starts[i]! + article.length } }
        : { segment: bm25Segment(article) };
    });
  };

  it('gives, byte for byte, what a build from every article gives: an article changed, removed, added', () => {
    const articles = Array.from({ length: 8 }, (_, i) => passages(i + 1, 1 + (i % 4) * 3));
    const base = Bm25Index.deserialize(built(articles).serialize(), {
      tokenizer: DEFAULT_TOKENIZER,
    });
    const cases = [
      articles.map((a, i) => (i === 3 ? passages(40, 5) : a)),
      articles.filter((_, i) => i !== 0 && i !== 5),
      [
        passages(50, 3),
        ...articles.slice(0, 4),
        passages(51, 0),
        ...articles.slice(4),
        passages(52, 6),
      ],
      [passages(60, 9)],
      articles,
    ];
    for (const after of cases) {
      const patched = base.patch(partsFor(articles, after));
      expect(Buffer.from(patched.serialize())).toEqual(Buffer.from(built(after).serialize()));
    }
  });

  it('refuses kept runs out of order or out of range', () => {
    const articles = [passages(1, 4), passages(2, 4)];
    const base = built(articles);
    expect(() => base.patch([{ kept: { from: 4, to: 8 } }, { kept: { from: 0, to: 4 } }])).toThrow(
      Bm25DataError,
    );
    expect(() => base.patch([{ kept: { from: 0, to: 9 } }])).toThrow(Bm25DataError);
  });
});
