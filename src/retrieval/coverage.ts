/**
 * How much of a question a piece of text covers: the idf-weighted share of the
 * question's content units found in it. This, not the BM25 score, decides
 * abstention, because it is comparable across questions: 明天香港會下雨嗎 matches
 * 香港 somewhere in the article, but covers only a third of what it asks about.
 */
import { bm25Idf } from '../indexes/bm25.js';
import { hasHan, isHanOnly } from '../text/han.js';
import { jieba } from '../text/jieba.js';
import { escapeRegExp } from '../text/regexp.js';
import type { QueryUnit } from './query.js';

/** Share of the string's bigrams present in the text: partial credit for near forms. */
function bigramOverlap(needle: string, haystack: string): number {
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

function partialMatch(needle: string, haystack: string): number {
  const parts = subwords(needle);
  const bySubword = parts.length
    ? parts.filter((p) => haystack.includes(p)).length / parts.length
    : 0;
  const byBigram = bigramOverlap(needle, haystack);
  return 0.8 * Math.max(bySubword, byBigram >= 0.5 ? byBigram : 0);
}

/** 0..1: how well one unit is present in normal-form text. */
export function unitMatch(unit: QueryUnit, text: string): number {
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
  private readonly allText: string;

  private readonly articleText: string;

  /**
   * `texts` are what retrieval searches (passages with their field words); `plain`, when
   * given, the passages alone, for what the article itself says.
   */
  constructor(
    private readonly texts: string[],
    plain: string[] = texts,
  ) {
    this.allText = texts.join('\n');
    this.articleText = plain.join('\n');
  }

  /** The article's own text holds it, or most of it (field words do not count). */
  inArticle(text: string): boolean {
    return this.articleText.includes(text) || partialMatch(text, this.articleText) >= 0.4;
  }

  /** True when the text occurs anywhere in the corpus (normal form). */
  inCorpus(text: string): boolean {
    return this.allText.includes(text);
  }

  /** The corpus holds most of it: its words or bigrams, as coverage gives partial credit. */
  nearlyInCorpus(text: string): boolean {
    return partialMatch(text, this.allText) >= 0.4;
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
    const pattern = new RegExp(chars.map(escapeRegExp).join('\\p{Script=Han}{0,2}'), 'gu');
    const found = new Set<string>();
    for (const m of this.allText.matchAll(pattern)) if (m[0].length > chars.length) found.add(m[0]);
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
      got += u.importance * unitMatch(u, this.allText);
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
    for (const alt of unit.alternatives) {
      if (!alt.text) continue;
      let d = 0;
      for (const t of this.texts) if (t.includes(alt.text)) d++;
      df = Math.max(df, d);
    }
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
