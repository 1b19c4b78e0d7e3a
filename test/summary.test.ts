/**
import { cosine, similarityMatrix, termVectors } from '../src/summary/similarity.js';
 * The extractive summary: TextRank itself, the selection rules (lead, MMR, 3–5
 * sentences, article order) on small made-up articles, and the real article's summary
 * as the build stores it (verbatim, cited, never a caption).
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../src/config.js';
import { chunkDocument } from '../src/corpus/chunk.js';
import { loadCorpus } from '../src/corpus/load.js';
import type { Corpus, Passage } from '../src/corpus/types.js';
import { buildSummaries, summaryProblems, type DocumentSummary } from '../src/indexes/summary.js';
import { cosine, similarityMatrix, termVectors } from '../src/summary/similarity.js';
import { DEFAULT_SUMMARY, selectSummary, type SummaryCandidate } from '../src/summary/select.js';
import { textRank } from '../src/summary/textrank.js';
import { splitSentences } from '../src/text/sentences.js';
import { DEFAULT_TOKENIZER } from '../src/text/tokenize.js';

describe('textRank', () => {
  it('ranks the sentence everything else links to first, and scores sum to 1', () => {
    // Node 0 is linked to all others; 1–3 only to 0.
    const w = [
      [0, 1, 1, 1],
      [1, 0, 0, 0],
      [1, 0, 0, 0],
      [1, 0, 0, 0],
    ];
    const r = textRank(w);
    expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    expect(r[0]).toBeGreaterThan(r[1]!);
    expect(r[1]).toBeCloseTo(r[2]!, 9);
  });

  it('gives isolated sentences the teleport share only', () => {
    const r = textRank([
      [0, 1, 0],
      [1, 0, 0],
      [0, 0, 0],
    ]);
    expect(r[2]).toBeLessThan(r[0]!);
    expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });
});

const c = (text: string, terms: string, paragraph: number): SummaryCandidate => ({
  text,
  terms: terms.split(' '),
  paragraph,
});

describe('selectSummary', () => {
  // ¶1's sentence shares little; ¶2–¶6 talk about the same things in different mixes.
  const article = [
    c('Opening sentence of the story that sets the scene.', 'opening scene story', 1),
    c('Talent returns home to build models for the startup.', 'talent home models startup', 2),
    c(
      'Talent returns home to build models for the startup again.',
      'talent home models startup',
      3,
    ),
    c('The startup trained models cheaply compared to rivals.', 'startup models cheap rivals', 4),
    c(
      'Rivals lost market value after the cheap models appeared.',
      'rivals market value cheap models',
      5,
    ),
    c(
      'Engineers abroad say talent chooses home for growth.',
      'engineers abroad talent home growth',
      6,
    ),
    c('Is this the end?', 'end', 7),
    c('Short.', 'short', 8),
    c(
      'Immigration policy shaped where graduates and talent went.',
      'immigration policy graduates talent',
      9,
    ),
    c(
      'Universities at home trained many of the top researchers.',
      'universities home researchers talent',
      10,
    ),
  ];

  it('always includes the lead, keeps 3 to 5 sentences, in article order', () => {
    const s = selectSummary(article)!;
    expect(s.chosen).toContain(0);
    expect(s.lead).toBe(0);
    expect(s.chosen.length).toBeGreaterThanOrEqual(3);
    expect(s.chosen.length).toBeLessThanOrEqual(5);
    expect([...s.chosen].sort((a, b) => a - b)).toEqual(s.chosen);
  });

  it('drops a near-duplicate of a chosen sentence (MMR), questions and fragments', () => {
    const s = selectSummary(article)!;
    expect(s.chosen.includes(1) && s.chosen.includes(2)).toBe(false);
    expect(s.chosen).not.toContain(6);
    expect(s.chosen).not.toContain(7);
  });

  it('without MMR the duplicate would be taken: the redundancy term is what drops it', () => {
    const s = selectSummary(article, { ...DEFAULT_SUMMARY, lambda: 1, maxSentences: 5 })!;
    expect(s.chosen.includes(1) && s.chosen.includes(2)).toBe(true);
  });

  it('picks the best-ranked sentence of the first paragraph as the lead', () => {
    const twoInFirst = [
      c('A note.', 'note', 1),
      c('Talent and models: the startup story.', 'talent models startup', 1),
      ...article.slice(1),
    ];
    const s = selectSummary(twoInFirst)!;
    expect(s.lead).toBe(1);
    expect(s.chosen).toContain(1);
  });

  it('stops before the character budget once it has the minimum', () => {
    const long = article.map((x) => ({ ...x, text: x.text.repeat(4) }));
    const s = selectSummary(long, { ...DEFAULT_SUMMARY, maxChars: 300 })!;
    expect(s.chosen).toHaveLength(3);
  });
});

describe('the article’s stored summary', () => {
  let corpus: Corpus;
  let passages: Passage[];
  let summary: DocumentSummary;

  beforeAll(async () => {
    corpus = await loadCorpus(path.join(PROJECT_ROOT, 'corpus'));
    passages = corpus.documents.flatMap((d) =>
      chunkDocument(d, { maxChars: 400, minChars: 40 }).map((p) => ({ ...p, id: 0 })),
    );
    passages = passages.map((p, id) => ({ ...p, id }));
    summary = buildSummaries(corpus, passages, DEFAULT_TOKENIZER)[0]!;
  });

  it('has 3–5 sentences in article order, the first being ¶1’s lead', () => {
    expect(summary.sentences.length).toBeGreaterThanOrEqual(3);
    expect(summary.sentences.length).toBeLessThanOrEqual(5);
    expect(summary.sentences[0]).toMatchObject({ paragraph: 1, lead: true });
    const order = summary.sentences.map((s) => [s.passage, s.start]);
    expect(order).toEqual([...order].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!));
  });

  it('quotes whole sentences of body paragraphs verbatim, each with its own ¶', () => {
    const doc = corpus.documents[0]!;
    expect(summaryProblems([summary], passages)).toEqual([]);
    for (const s of [...summary.sentences, ...summary.further]) {
      const text = passages[s.passage]!.text.slice(s.start, s.end);
      const paragraph = doc.paragraphs.find((p) => p.n === s.paragraph)!;
      expect(paragraph.kind).toBe('paragraph');
      expect(splitSentences(paragraph.text).map((x) => x.text.trim())).toContain(text);
    }
  });

  it('keeps further sentences apart from the summary, for "more passages"', () => {
    expect(summary.further.length).toBeGreaterThan(0);
    const key = (s: { passage: number; start: number }) => `${s.passage}:${s.start}`;
    const chosen = new Set(summary.sentences.map(key));
    for (const s of summary.further) expect(chosen.has(key(s))).toBe(false);
  });
});

describe('similarityMatrix', () => {
  it('equals cosine for every pair, to the bit', () => {
    let s = 7;
    const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const vocabulary = Array.from({ length: 30 }, (_, i) => `詞${i}`);
    const sentences = Array.from({ length: 25 }, () =>
      Array.from(
        { length: 1 + Math.floor(next() * 15) },
        () => vocabulary[Math.floor(next() * 30)]!,
      ),
    );
    const vectors = termVectors(sentences);
    const matrix = similarityMatrix(vectors);
    // As the matrix was filled before: cosine of the earlier sentence with the later one.
    vectors.forEach((_, i) =>
      vectors.forEach((_, j) =>
        expect(matrix[i]![j]).toBe(
          i === j ? 0 : cosine(vectors[Math.min(i, j)]!, vectors[Math.max(i, j)]!),
        ),
      ),
    );
  });
});
