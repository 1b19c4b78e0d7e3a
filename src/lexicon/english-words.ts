/**
 * English words as both sides of the cross-lingual table see them: dictionary
 * senses and glossary names at build time, the user's question at query time.
 * Keys are lowercase words joined by one space, without articles, so that
 * "The Hong Kong University of Science and Technology" and "Hong Kong University
 * of Science and Technology" meet.
 */
import { ENGLISH_STOPWORDS } from '../text/stopwords.js';

const WORD = /[\p{Script=Latin}\p{N}]+(?:['’.\-/][\p{Script=Latin}\p{N}]+)*/gu;
const ARTICLES = new Set(['a', 'an', 'the']);

export interface EnglishToken {
  /** As written, possessive removed: "Nvidia's" → "Nvidia". */
  surface: string;
  /** Range of the word as written (possessive included) in the text passed in. */
  start: number;
  end: number;
  lower: string;
  /** A grammar word; all-caps abbreviations ("US", "IT") never are. */
  stop: boolean;
}

/**
 * NFKC, and dotted abbreviations joined ("U.S." → "US", "Ph.D." → "PhD") so each
 * stays one word; decimals and "01.AI" keep their dots. Idempotent.
 */
export function prepareEnglish(text: string): string {
  return text
    .normalize('NFKC')
    .replace(
      /(?<![\p{L}\p{N}.])(?:\p{Script=Latin}{1,2}\.)+\p{Script=Latin}{1,2}\.?(?![\p{L}\p{N}])/gu,
      (m) => m.replace(/\./g, ''),
    );
}

/** Word tokens of a text; offsets refer to `prepareEnglish(text)`. */
export function englishTokens(text: string): EnglishToken[] {
  const tokens: EnglishToken[] = [];
  const prepared = prepareEnglish(text);
  // In a sentence written all in capitals, capitals mark no abbreviation ("US" alone still does).
  const shouting = !/\p{Ll}/u.test(prepared) && /\p{Lu}{2,}\P{L}+\p{Lu}{2,}/u.test(prepared);
  for (const m of prepared.matchAll(WORD)) {
    const raw = m[0];
    const surface = raw.replace(/['’]s$/u, '');
    const lower = surface.toLowerCase().replace(/’/g, "'");
    const acronym =
      !shouting &&
      surface.length > 1 &&
      surface === surface.toUpperCase() &&
      /\p{Lu}/u.test(surface);
    // "didn't", "they're", "we've": grammar, like the words they shorten.
    const contraction = lower.match(/^([a-z]+)'(?:t|re|ve|ll|d|m)$/);
    const grammar =
      ENGLISH_STOPWORDS.has(lower) ||
      (contraction !== null && (lower.endsWith("n't") || ENGLISH_STOPWORDS.has(contraction[1]!)));
    tokens.push({
      surface,
      start: m.index,
      end: m.index + raw.length,
      lower,
      stop: !acronym && grammar,
    });
  }
  return tokens;
}

/** The table key of a word sequence: articles dropped, one space between words. */
export function phraseKey(words: readonly string[]): string {
  return words.filter((w) => !ARTICLES.has(w)).join(' ');
}

export interface WordForm {
  form: string;
  /** How much of the original meaning the form keeps. */
  factor: number;
}

const VOWEL = /[aeiou]/;

/**
 * Candidate forms of a word to look up: base forms of plural, -ed, -ing and the
 * agent noun -er/-ers (a "trainer" is about training, if less directly), and the
 * plural of a singular. No dictionary: a wrong guess simply finds no key.
 */
export function wordForms(word: string): WordForm[] {
  const forms: WordForm[] = [{ form: word, factor: 1 }];
  const add = (form: string, factor: number): void => {
    const plausible = form.length >= 2 && (VOWEL.test(form) || /^\d+$/.test(form));
    if (plausible && !forms.some((f) => f.form === form)) forms.push({ form, factor });
  };
  const undouble = (stem: string): string =>
    /([b-df-hj-np-tv-z])\1$/.test(stem) ? stem.slice(0, -1) : stem;
  const w = word;
  // "1950s" is the 1950s.
  if (/^\d+s$/.test(w)) add(w.slice(0, -1), 0.95);
  if (w.length <= 3 || /\d/.test(w)) return forms;
  // Dictionaries gloss some nouns in the plural ("costs"); a singular query must find them.
  if (!w.endsWith('s')) {
    add(w + 's', 0.8);
    if (/(?:x|z|ch|sh)$/.test(w)) add(w + 'es', 0.8);
  }
  if (w.endsWith('ies')) add(w.slice(0, -3) + 'y', 0.95);
  else if (/(?:s|x|z|ch|sh)es$/.test(w)) add(w.slice(0, -2), 0.95);
  if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is'))
    add(w.slice(0, -1), 0.95);
  if (w.endsWith('ied')) add(w.slice(0, -3) + 'y', 0.95);
  else if (w.endsWith('ed')) {
    const stem = w.slice(0, -2);
    add(stem, 0.95);
    add(stem + 'e', 0.95);
    add(undouble(stem), 0.95);
  }
  if (w.endsWith('ing') && w.length > 5) {
    const stem = w.slice(0, -3);
    add(stem, 0.9);
    add(stem + 'e', 0.9);
    add(undouble(stem), 0.9);
  }
  const agent = w.endsWith('ers') ? w.slice(0, -3) : w.endsWith('er') ? w.slice(0, -2) : null;
  if (agent !== null && agent.length >= 3) {
    if (w.endsWith('ers')) add(w.slice(0, -1), 0.95);
    add(agent, 0.7);
    add(agent + 'e', 0.7);
    add(undouble(agent), 0.7);
  }
  return forms;
}

/**
 * Nationality adjectives and the country they name, which dictionaries gloss
 * apart ("Chinese" is a language or a person, "China" the country).
 */
export const DEMONYMS: Readonly<Record<string, string>> = {
  chinese: 'china',
  american: 'usa',
  americans: 'usa',
  british: 'britain',
  english: 'england',
  japanese: 'japan',
  korean: 'korea',
  indian: 'india',
  french: 'france',
  german: 'germany',
  russian: 'russia',
  australian: 'australia',
  taiwanese: 'taiwan',
  european: 'europe',
  asian: 'asia',
  canadian: 'canada',
  italian: 'italy',
  israeli: 'israel',
  singaporean: 'singapore',
};

/**
 * Common English clippings, so "lab" finds what dictionaries file under
 * "laboratory". General English, not tied to any article.
 */
export const CLIPPINGS: Readonly<Record<string, string>> = {
  lab: 'laboratory',
  labs: 'laboratory',
  uni: 'university',
  prof: 'professor',
  profs: 'professor',
  tech: 'technology',
  info: 'information',
  gov: 'government',
  govt: 'government',
  dept: 'department',
  admin: 'administration',
  exec: 'executive',
  execs: 'executive',
  stats: 'statistics',
  econ: 'economics',
  intl: 'international',
  grad: 'graduate',
  grads: 'graduate',
  undergrad: 'undergraduate',
  undergrads: 'undergraduate',
  math: 'mathematics',
  maths: 'mathematics',
  bio: 'biology',
  ads: 'advertisement',
  pic: 'picture',
  pics: 'picture',
  photo: 'photograph',
  corp: 'corporation',
  univ: 'university',
  inst: 'institute',
};

/**
 * Clippings understood only as the last word of a phrase the dictionary knows ("market
 * cap" is "market capitalization"): alone, a cap is a hat or a limit.
 */
export const PHRASE_CLIPPINGS: Readonly<Record<string, string>> = {
  cap: 'capitalization',
  caps: 'capitalization',
};
