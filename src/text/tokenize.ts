/**
 * Tokenizers turn normalised text into index terms. They are pluggable in the
 * minisearch sense: the keyword index stores the tokenizer's name and options and
 * refuses to load under a different one.
 *
 * A Chinese run yields two kinds of terms:
 * - words, from a segmenter (jieba's search mode, or Intl.Segmenter), and
 * - character bigrams, so that names a segmenter splits (潘|梓|正) still match and a
 *   query's segmentation need not agree with the passage's.
 * A Latin or digit run yields lowercase words; "deepseek-r1" also yields "deepseek" and "r1".
 */
import { jieba } from './jieba.js';
import { normalize } from './normalize.js';
import { CHINESE_STOPWORDS, CHINESE_STOP_CHARS, ENGLISH_STOPWORDS } from './stopwords.js';

export type SegmenterName = 'jieba' | 'intl';

export interface TokenizerOptions {
  segmenter: SegmenterName;
  bigrams: boolean;
}

export const DEFAULT_TOKENIZER: TokenizerOptions = { segmenter: 'jieba', bigrams: true };

/** Would two tokenizers cut the same text into the same terms? */
export function sameTokenizer(a: TokenizerOptions, b: TokenizerOptions): boolean {
  return a.segmenter === b.segmenter && a.bigrams === b.bigrams;
}

const RUNS = /(\p{Script=Han}+)|([\p{Script=Latin}\p{N}]+(?:[.\-/'][\p{Script=Latin}\p{N}]+)*)/gu;

let intlSegmenter: Intl.Segmenter | undefined;

function segmentWords(run: string, segmenter: SegmenterName): string[] {
  if (segmenter === 'jieba') return jieba().cutForSearch(run, true);
  intlSegmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return [...intlSegmenter.segment(run)].filter((s) => s.isWordLike).map((s) => s.segment);
}

function hanTerms(run: string, options: TokenizerOptions, out: string[]): void {
  if (run.length === 1) {
    if (!CHINESE_STOP_CHARS.has(run)) out.push(run);
    return;
  }
  for (const word of segmentWords(run, options.segmenter)) {
    if (word.length > 1 && !CHINESE_STOPWORDS.has(word)) out.push(word);
  }
  if (!options.bigrams) return;
  for (let i = 0; i + 1 < run.length; i++) {
    const a = run[i]!;
    const b = run[i + 1]!;
    if (indexedBigram(a, b)) out.push(a + b);
  }
}

/**
 * Whether two adjacent Han characters of a run are indexed as a bigram (with bigrams on):
 * all are but pairs of grammar characters and stopwords ("是谁", "什么").
 */
export function indexedBigram(a: string, b: string): boolean {
  return !(
    (CHINESE_STOP_CHARS.has(a) && CHINESE_STOP_CHARS.has(b)) ||
    CHINESE_STOPWORDS.has(a + b)
  );
}

function latinTerms(run: string, out: string[]): void {
  const parts = run.split(/[.\-/']/).filter(Boolean);
  // Keep decimals and fractions ("2.19", "1/20") whole: they are what people ask for.
  if (/^[\d./]+$/.test(run)) {
    out.push(run);
    return;
  }
  if (parts.length > 1 && !ENGLISH_STOPWORDS.has(run)) out.push(run);
  for (const p of parts) if (!ENGLISH_STOPWORDS.has(p)) out.push(p);
}

/** Terms of already-normalised text. */
export function tokenizeNormalized(
  text: string,
  options: TokenizerOptions = DEFAULT_TOKENIZER,
): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(RUNS)) {
    if (m[1]) hanTerms(m[1], options, out);
    else if (m[2]) latinTerms(m[2], out);
  }
  return out;
}

/** Terms of raw text: normalise, then tokenize. */
export function tokenize(text: string, options: TokenizerOptions = DEFAULT_TOKENIZER): string[] {
  return tokenizeNormalized(normalize(text), options);
}
