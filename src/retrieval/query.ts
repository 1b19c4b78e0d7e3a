/**
 * Turns a question into what retrieval needs:
 * - weighted index terms for BM25 (Chinese words and bigrams; for English, the
 *   Chinese terms its words translate to), and
 * - content units: the things the question is about (a Chinese word, an English
 *   word or phrase with its translations). Abstention and quote picking measure
 *   how many units a passage covers.
 */
import type { WeightedTerm } from '../indexes/bm25.js';
import { jieba } from '../text/jieba.js';
import { detectLanguage, type Lang } from '../text/language.js';
import { normalize } from '../text/normalize.js';
import { CHINESE_STOPWORDS, CHINESE_STOP_CHARS, ENGLISH_STOPWORDS } from '../text/stopwords.js';
import { tokenizeNormalized, type TokenizerOptions } from '../text/tokenize.js';
import { expandEnglishQuery, type CrossLingualTable } from './crosslingual.js';

export interface QueryUnit {
  /** What the user wrote for it. */
  label: string;
  /** Normal-form strings any of which, found in a passage, means the unit is covered. */
  alternatives: { text: string; weight: number }[];
}

export interface AnalyzedQuery {
  question: string;
  lang: Lang;
  normalized: string;
  terms: WeightedTerm[];
  units: QueryUnit[];
}

const HAN_RUN = /\p{Script=Han}+/gu;
const LATIN_WORD = /[\p{Script=Latin}\d]+(?:[.\-/][\p{Script=Latin}\d]+)*/gu;

function chineseUnits(normalized: string): QueryUnit[] {
  const units: QueryUnit[] = [];
  for (const [run] of normalized.matchAll(HAN_RUN)) {
    for (const word of jieba().cut(run, true)) {
      if (CHINESE_STOPWORDS.has(word)) continue;
      if (word.length === 1 && CHINESE_STOP_CHARS.has(word)) continue;
      // Leading/trailing grammar characters ("的", "了") glued on by the segmenter carry no topic.
      const core = word.replace(/^[的了是在]+|[的了吗呢吧]+$/gu, '');
      if (core.length === 0) continue;
      units.push({ label: core, alternatives: [{ text: core, weight: 1 }] });
    }
  }
  return units;
}

/** Each alternative's terms, scaled so a long translation does not outweigh a short one. */
function termsOf(text: string, weight: number, tokenizer: TokenizerOptions): WeightedTerm[] {
  const terms = tokenizeNormalized(text, tokenizer);
  if (terms.length === 0) return [];
  const each = weight / Math.sqrt(terms.length);
  return terms.map((term) => ({ term, weight: each }));
}

export function analyzeQuery(
  question: string,
  table: CrossLingualTable,
  tokenizer: TokenizerOptions,
): AnalyzedQuery {
  const lang = detectLanguage(question);
  const normalized = normalize(question);
  const units = chineseUnits(normalized);
  const terms: WeightedTerm[] = [];
  for (const [run] of normalized.matchAll(HAN_RUN)) terms.push(...termsOf(run, 1, tokenizer).map((t) => ({ ...t, weight: 1 })));

  // Latin text (a whole English question, or product names inside a Chinese one)
  // goes through the English expansion, which also passes through Latin words the
  // corpus itself uses ("DeepSeek", "R1").
  const latin = question.replace(/\p{Script=Han}+/gu, ' ');
  if (LATIN_WORD.test(latin)) {
    LATIN_WORD.lastIndex = 0;
    for (const group of expandEnglishQuery(latin, table).groups) {
      if (ENGLISH_STOPWORDS.has(group.english.toLowerCase())) continue;
      units.push({
        label: group.english,
        alternatives: group.terms.map((t) => ({ text: normalize(t.zh), weight: t.weight })),
      });
      for (const t of group.terms) terms.push(...termsOf(normalize(t.zh), t.weight, tokenizer));
    }
  }
  return { question, lang, normalized, terms, units };
}
