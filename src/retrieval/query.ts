/**
 * Turns a question into what retrieval needs:
 * - weighted index terms for BM25 (Chinese words and bigrams; for English, the
 *   Chinese terms its words translate to), and
 * - content units: the things the question is about (a Chinese word, an English
 *   word or phrase with its translations). Abstention and quote picking measure
 *   how many units a passage covers.
 */
import type { WeightedTerm } from '../indexes/bm25.js';
import { HAN_RUNS, hasHan } from '../text/han.js';
import { jieba } from '../text/jieba.js';
import { detectLanguage, type Lang } from '../text/language.js';
import { normalize } from '../text/normalize.js';
import { CHINESE_STOPWORDS, CHINESE_STOP_CHARS, ENGLISH_STOPWORDS } from '../text/stopwords.js';
import { tokenizeNormalized, type TokenizerOptions } from '../text/tokenize.js';
import type { CrossLingualTable } from '../lexicon/crosslingual-table.js';
import { isCommonSurname } from '../lexicon/common-surnames.js';
import { CHINESE_FRAME } from '../lexicon/question-lexicon.js';
import { expandEnglishQuery, type ExpansionGroup } from './expand-english.js';
import { analyzeFrame, type QuestionFrame } from './question-frame.js';

export interface QueryUnit {
  /** What the user wrote for it. */
  label: string;
  /** Normal-form strings any of which, found in a passage, means the unit is covered. */
  alternatives: { text: string; weight: number }[];
  /**
   * How much the unit says about the topic, 0..1, from its part of speech: questions
   * are about things (nouns, names, times, places); their verbs, numerals and
   * adverbs are often paraphrases of the article's ("收費" for "價格").
   */
  importance: number;
  /** Written as a name (a person, place, organisation or product), not a common word. */
  name: boolean;
  /** Written as a person's name: a question about someone the article never names is about someone else. */
  person?: boolean;
}

export interface AnalyzedQuery {
  question: string;
  lang: Lang;
  normalized: string;
  terms: WeightedTerm[];
  units: QueryUnit[];
  frame: QuestionFrame;
}

const HAS_LATIN_WORD = /[\p{Script=Latin}\d]/u;

/**
 * A three-character word jieba does not know, led by a common surname (梁文锋, 李开复):
 * a person's name, so that a question about someone the article never names is known
 * to be about someone else. Two characters are too often an ordinary new word.
 */
function looksLikeUnknownPerson(tag: string, word: string): boolean {
  return tag === 'x' && word.length === 3 && isCommonSurname(word.charAt(0));
}

/**
 * A person's name for certain: jieba's person tag alone also marks words such as 宁可
 * ("would rather"), so the name must also start with a common surname.
 */
function writtenAsPerson(tag: string, word: string): boolean {
  if (looksLikeUnknownPerson(tag, word)) return true;
  return (
    tag.startsWith('nr') && word.length >= 2 && word.length <= 3 && isCommonSurname(word.charAt(0))
  );
}

/**
 * Nouns jieba's dictionary tags as something else: 本科 ("undergraduate studies") as a
 * pronoun, read as 本 + 科 ("this department"). Asked about, they are what is asked.
 */
const MISTAGGED_NOUNS = new Set(['本科']);

/** jieba part-of-speech tag → importance. Unknown words (tag x) are mostly names. */
function importanceOf(tag: string, word: string): number {
  let base: number;
  if (/^(n|t|s|j|l|i|x|eng)/.test(tag) || MISTAGGED_NOUNS.has(word)) base = 1;
  else if (tag === 'vn') base = 0.8;
  else if (/^(v|a)/.test(tag)) base = 0.6;
  else base = 0.35;
  // A lone character is ambiguous (弹 in 兩彈一星 is not the 弹 of 弹吉他).
  return word.length === 1 ? base * 0.5 : base;
}

/** jieba's tags for names of people, places, organisations and other proper nouns. */
const NAME_TAG = /^n[rstz]/;

function chineseUnits(normalized: string, frameNouns: ReadonlySet<string>): QueryUnit[] {
  const units: QueryUnit[] = [];
  for (const [run] of normalized.matchAll(HAN_RUNS)) {
    for (const { word, tag } of jieba().tag(run, true)) {
      if (CHINESE_STOPWORDS.has(word) || CHINESE_FRAME.test(word)) continue;
      if (frameNouns.has(word)) continue;
      if (word.length === 1 && CHINESE_STOP_CHARS.has(word)) continue;
      // Leading/trailing grammar characters ("的", "了") glued on by the segmenter carry no topic.
      // A measure word glued on ("篇文章") is grammar too.
      // So is a pronoun the segmenter glued to the verb after it ("他念").
      const core = word.replace(
        /^[的了是在]+|^[篇个位家张份项他她佢](?=..)|[的了是吗呢吧]+$/gu,
        '',
      );
      if (core.length === 0 || CHINESE_STOPWORDS.has(core)) continue;
      units.push({
        label: core,
        alternatives: [{ text: core, weight: 1 }],
        importance: importanceOf(tag, core),
        // Two characters are too few to say a place or company is missing (中美 is 中國+美國).
        name:
          (tag.startsWith('nr') ? core.length >= 2 : NAME_TAG.test(tag) && core.length >= 3) ||
          looksLikeUnknownPerson(tag, core),
        person: writtenAsPerson(tag, core),
      });
    }
  }
  return units;
}

/**
 * How much an English unit says about the topic: a name counts fully; a word as much as
 * the part of speech of the Chinese it translates to ("behind" → 背后, a locative, says
 * little). A bare number (a year, a count) rarely says what a question is about.
 */
function englishImportance(group: ExpansionGroup): number {
  if (/^[\d.,/%]+$/.test(group.english)) return 0.35;
  const best = group.terms[0];
  if (!best || best.via !== 'dictionary' || !hasHan(best.zh)) return 1;
  const tagged = jieba().tag(best.zh, true);
  return tagged.length === 1 ? importanceOf(tagged[0]!.tag, best.zh) : 1;
}

/**
 * The index terms of a phrase searched with a given weight, scaled so that a long
 * phrase (a translation, a role line) does not outweigh a short one.
 */
export function termsOf(text: string, weight: number, tokenizer: TokenizerOptions): WeightedTerm[] {
  const terms = tokenizeNormalized(text, tokenizer);
  const each = weight / Math.sqrt(Math.max(1, terms.length));
  return terms.map((term) => ({ term, weight: each }));
}

/** Resolves a name as typed ("Pan", "Allison") to the Chinese forms the corpus uses, or null. */
export type NameResolver = (name: string) => string[] | null;

export function analyzeQuery(
  question: string,
  table: CrossLingualTable,
  tokenizer: TokenizerOptions,
  resolveName?: NameResolver,
): AnalyzedQuery {
  const lang = detectLanguage(question);
  const normalized = normalize(question);
  const frame = analyzeFrame(question, normalized);
  const units = chineseUnits(normalized, frame.frameNouns);
  const terms: WeightedTerm[] = [];
  for (const [run] of normalized.matchAll(HAN_RUNS)) {
    for (const term of tokenizeNormalized(run, tokenizer)) terms.push({ term, weight: 1 });
  }

  // Latin text (a whole English question, or product names inside a Chinese one)
  // goes through the English expansion, which also passes through Latin words the
  // corpus itself uses ("DeepSeek", "R1").
  const latin = question.replace(HAN_RUNS, ' ');
  if (HAS_LATIN_WORD.test(latin)) {
    const groups = expandEnglishQuery(latin, table).groups;
    // Two capitalised words in a row that no dictionary or registry knows ("Liang
    // Wenfeng", "Sam Altman") are a person's name; one alone may be a product (Kimi).
    const unknownName = (i: number) => {
      const g = groups[i];
      return g !== undefined && g.name && g.terms.length === 0 && /^\p{Lu}/u.test(g.english);
    };
    for (const [i, group] of groups.entries()) {
      const lower = group.english.toLowerCase();
      if (ENGLISH_STOPWORDS.has(lower) || frame.frameNouns.has(lower)) continue;
      // A capitalised word no dictionary translates may be part of a name the
      // article uses ("Pan's case", "Palomar"): ask the people registry.
      if (group.terms.length === 0 && resolveName && /^\p{Lu}/u.test(group.english)) {
        const forms = resolveName(group.english);
        if (forms)
          group.terms.push(...forms.map((zh) => ({ zh, weight: 1, via: 'glossary' as const })));
      }
      units.push({
        label: group.english,
        // A Latin word found as itself is certain, whatever its weight as a search term.
        alternatives: group.terms.map((t) => ({
          text: normalize(t.zh),
          weight: t.via === 'latin' ? 1 : t.weight,
        })),
        importance: englishImportance(group),
        name: group.name,
        person:
          group.terms.length === 0 && unknownName(i) && (unknownName(i - 1) || unknownName(i + 1)),
      });
      for (const t of group.terms) terms.push(...termsOf(normalize(t.zh), t.weight, tokenizer));
    }
  }
  return { question, lang, normalized, terms, units, frame };
}
