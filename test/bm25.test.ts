import { describe, expect, it } from 'vitest';
import { Bm25FormatError, Bm25Index, DEFAULT_BM25, type Bm25Json } from '../src/indexes/bm25.js';
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
