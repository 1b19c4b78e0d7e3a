/**
 * How much of a question a piece of text covers: the idf-weighted share of the
 * question's content units found in it. This, not the BM25 score, decides
 * abstention, because it is comparable across questions: 明天香港會下雨嗎 matches
 * 香港 somewhere in the article, but covers only a third of what it asks about.
 */
import { bm25Idf, type Bm25Index } from '../indexes/bm25.js';
import { hasHan, isHanOnly } from '../text/han.js';
import { jieba } from '../text/jieba.js';
import { escapeRegExp } from '../text/regexp.js';
import { CorpusText, type Haystack } from './corpus-text.js';
import type { QueryUnit } from './query.js';

/** Share of the string's bigrams present in the text: partial credit for near forms. */
function bigramOverlap(needle: string, haystack: Haystack): number {
  if (needle.length < 3) return 0;
  let hit = 0;
  for (let i = 0; i + 1 < needle.length; i++) if (haystack.includes(needle.slice(i, i + 2))) hit++;
  return hit / (needle.length - 1);
}

const CACHE_LIMIT = 10_000;

const subwordCache = new Map<string, string[]>();

/** The words inside a compound (硕士学位 → 硕士, 学位), for partial credit. */
function subwords(word: string): string[] {
  let parts = subwordCache.get(word);
  if (!parts) {
    parts =
      hasHan(word) && word.length >= 3
        ? jieba()
            .cutForSearch(word, true)
            .filter((w) => w.length >= 2 && w !== word)
        : [];
    // Words come from users: keep the cache from growing without bound in a long-running bot.
    if (subwordCache.size >= CACHE_LIMIT) subwordCache.clear();
    subwordCache.set(word, parts);
  }
  return parts;
}

function partialMatch(needle: string, haystack: Haystack): number {
  const parts = subwords(needle);
  const bySubword = parts.length
    ? parts.filter((p) => haystack.includes(p)).length / parts.length
    : 0;
  const byBigram = bigramOverlap(needle, haystack);
  return 0.8 * Math.max(bySubword, byBigram >= 0.5 ? byBigram : 0);
}

/** 0..1: how well one unit is present in normal-form text (a passage, or the corpus). */
export function unitMatch(unit: QueryUnit, text: Haystack): number {
  let best = 0;
  for (const alt of unit.alternatives) {
    if (alt.text.length === 0) continue;
    const m = text.includes(alt.text) ? 1 : partialMatch(alt.text, text);
    best = Math.max(best, m * Math.min(1, alt.weight));
  }
  return best;
}

export class CoverageModel {
  private readonly weights = new Map<string, number>();
  private readonly abbreviations = new Map<string, string[]>();
  /** What retrieval searches: passages with their field words. */
  private readonly corpus: CorpusText;
  /** The passages alone: what the articles themselves say. */
  private readonly article: CorpusText;

  /**
   * `texts` are what retrieval searches (passages with their field words, normal form);
   * `plain`, when given, the passages alone, for what the article itself says. `bm25`, a
   * keyword index with Han bigrams over `texts`, makes corpus look-ups cost the passages
   * that may hold a string instead of the whole corpus.
   */
  constructor(
    private readonly texts: string[],
    plain: string[] = texts,
    bm25: Pick<Bm25Index, 'df' | 'passagesWith'> | null = null,
  ) {
    this.corpus = new CorpusText(texts, bm25);
    this.article = new CorpusText(plain, bm25);
  }

  /** The article's own text holds it, or most of it (field words do not count). */
  inArticle(text: string): boolean {
    return this.article.includes(text) || partialMatch(text, this.article) >= 0.4;
  }

  /** True when the text occurs anywhere in the corpus (normal form). */
  inCorpus(text: string): boolean {
    return this.corpus.includes(text);
  }

  /** The corpus holds most of it: its words or bigrams, as coverage gives partial credit. */
  nearlyInCorpus(text: string): boolean {
    return partialMatch(text, this.corpus) >= 0.4;
  }

  /**
   * Chinese abbreviations keep a few characters of a longer name in order: 港科大 for
   * 香港科技大學, 博導 for 博士生導師. For a word the corpus lacks, the corpus spans
   * that hold its characters in order, at most two characters apart and without
   * crossing punctuation, are what it may abbreviate.
   */
  abbreviationsOf(word: string): string[] {
    const chars = [...word];
    if (chars.length < 2 || chars.length > 4 || !isHanOnly(word)) return [];
    const known = this.abbreviations.get(word);
    if (known) return known;
    // The characters may stand apart, so no bigram narrows the search: the one scan
    // of the corpus left, done once per word, passage by passage (a match never
    // crosses one, and joining them would hold the corpus twice).
    const pattern = new RegExp(chars.map(escapeRegExp).join('\\p{Script=Han}{0,2}'), 'gu');
    const found = new Set<string>();
    for (const text of this.texts)
      for (const m of text.matchAll(pattern)) if (m[0].length > chars.length) found.add(m[0]);
    if (this.abbreviations.size >= CACHE_LIMIT) this.abbreviations.clear();
    this.abbreviations.set(word, [...found]);
    return [...found];
  }

  /**
   * 0..1: the importance-weighted share of the question's units that the corpus
   * mentions anywhere. A question about things the articles never name (明天,
   * 下雨; football) is out of scope however well one word of it matches.
   */
  corpusCoverage(units: QueryUnit[]): number {
    let total = 0;
    let got = 0;
    for (const u of units) {
      total += u.importance;
      got += u.importance * unitMatch(u, this.corpus);
    }
    return total === 0 ? 0 : got / total;
  }

  /**
   * Weight of a unit: the idf of its best-known alternative over passages. A unit
   * the article never mentions gets the highest weight: it is the strongest sign
   * that the question is about something else.
   */
  weight(unit: QueryUnit): number {
    const key = `${unit.label}\u0000${unit.importance}`;
    const cached = this.weights.get(key);
    if (cached !== undefined) return cached;
    const n = this.texts.length;
    let df = 0;
    for (const alt of unit.alternatives)
      if (alt.text) df = Math.max(df, this.corpus.count(alt.text));
    const w = bm25Idf(n, df) * unit.importance;
    if (this.weights.size >= CACHE_LIMIT) this.weights.clear();
    this.weights.set(key, w);
    return w;
  }

  /** 0..1 coverage of the units by the text. */
  coverage(units: QueryUnit[], text: string): number {
    let total = 0;
    let got = 0;
    for (const u of units) {
      const w = this.weight(u);
      total += w;
      got += w * unitMatch(u, text);
    }
    return total === 0 ? 0 : got / total;
  }
}
