/**
 * What the index build needs from CC-CEDICT alone, whatever the corpus: worked out
 * in passes over all 120,000 entries, so an index build keeps it (keyed by the
 * dictionary's contents) instead of repeating those passes on every reindex. With
 * these kept, a reindex reads the dictionary itself only when the English→Chinese
 * table must be made anew: looking for headwords in a changed article, narrowing the
 * corpus's view to them and telling names from common words all work from here.
 */
import { isStringArray } from '../guards.js';
import { normalize } from '../text/normalize.js';
import type { CedictEntry } from './cedict.js';
import { dictionarySynonyms } from './english-synonyms.js';
import { properNames } from './sense-keys.js';
import { WantedStrings, type WantedStringsState } from './wanted-strings.js';

export interface DictionaryFacts {
  /** Each entry's headwords, in dictionary order. */
  simplified: string[];
  traditional: string[];
  /** Each entry's traditional headword in normal form, in dictionary order. */
  normalTraditional: string[];
  /** What name detection asks of the dictionary (see people/lexicon.ts). */
  surnames: string[];
  commonWords: string[];
  /** The headwords to look for in the articles, as written and in normal form (see `Headwords`). */
  headwords: { traditional: WantedStringsState; normal: WantedStringsState };
  /** Lowercase words the dictionary's English uses, with counts: real English, not pinyin. */
  lexicon: Map<string, number>;
  /** Multi-word proper names in an entry's senses, by entry number, for entries with any. */
  properNames: Map<number, string[]>;
  /** The dictionary as an English thesaurus (see english-synonyms.ts). */
  synonyms: Map<string, [string, number][]>;
}

const LOWERCASE_WORD = /(?<![\p{L}\d])[a-z][a-z'-]*(?![\p{L}\d])/gu;
const MAYBE_PROPER_NAME = /\p{Lu}[\p{L}\d]*\s+(?:(?:of|the|and|for|de)\s+)*[\p{Lu}\d]/u;

const SURNAME_SENSE = /^surname /i;
const COMMON_PINYIN = /^[a-z]/;

/**
 * The Simplified headwords name detection asks about (people/lexicon.ts): those with
 * a "surname …" sense, and those written with lower-case pinyin, i.e. not proper nouns.
 */
export function lexiconWords(entries: readonly CedictEntry[]): {
  surnames: string[];
  commonWords: string[];
} {
  const surnames = new Set<string>();
  const commonWords = new Set<string>();
  for (const e of entries) {
    if (e.senses.some((sense) => SURNAME_SENSE.test(sense))) surnames.add(e.simplified);
    if (COMMON_PINYIN.test(e.pinyin)) commonWords.add(e.simplified);
  }
  return { surnames: [...surnames], commonWords: [...commonWords] };
}

export function dictionaryFacts(entries: readonly CedictEntry[]): DictionaryFacts {
  const lexicon = new Map<string, number>();
  const names = new Map<number, string[]>();
  entries.forEach((entry, i) => {
    const mine: string[] = [];
    for (const sense of entry.senses) {
      for (const [w] of sense.matchAll(LOWERCASE_WORD)) lexicon.set(w, (lexicon.get(w) ?? 0) + 1);
      if (MAYBE_PROPER_NAME.test(sense)) mine.push(...properNames(sense));
    }
    if (mine.length > 0) names.set(i, mine);
  });
  const simplified = entries.map((e) => e.simplified);
  const traditional = entries.map((e) => e.traditional);
  const normalTraditional = traditional.map(normalize);
  const { surnames, commonWords } = lexiconWords(entries);
  return {
    simplified,
    traditional,
    normalTraditional,
    surnames,
    commonWords,
    headwords: {
      traditional: new WantedStrings(new Set(traditional)).state(),
      normal: new WantedStrings(new Set([...simplified, ...normalTraditional])).state(),
    },
    lexicon,
    properNames: names,
    synonyms: dictionarySynonyms(entries),
  };
}

/**
 * The facts in three parts, by who needs them: name detection (every reindex), the
 * headword tries (a reindex with an article to look at), and the rest, which only
 * making the English→Chinese table anew reads. A build cache keeps each part on its
 * own, so that a reindex reads only the parts it uses (see `lazyDictionaryFacts`).
 */
export const FACT_PARTS = {
  names: ['surnames', 'commonWords'],
  headwords: ['headwords'],
  table: ['simplified', 'traditional', 'normalTraditional', 'lexicon', 'properNames', 'synonyms'],
} as const satisfies Record<string, readonly (keyof DictionaryFacts)[]>;

export type FactPart = keyof typeof FACT_PARTS;
export type FactsOf<P extends FactPart> = Pick<DictionaryFacts, (typeof FACT_PARTS)[P][number]>;

/** The fields of `part` taken from whole facts. */
export function factsPart<P extends FactPart>(facts: DictionaryFacts, part: P): FactsOf<P> {
  return Object.fromEntries(FACT_PARTS[part].map((k) => [k, facts[k]])) as FactsOf<P>;
}

/**
 * Facts whose fields are read from their part the first time one is used: `partOf`
 * is asked once per part, only for parts some reader touches.
 */
export function lazyDictionaryFacts(
  partOf: <P extends FactPart>(part: P) => FactsOf<P>,
): DictionaryFacts {
  const facts = {} as DictionaryFacts;
  for (const part of Object.keys(FACT_PARTS) as FactPart[]) {
    let held: FactsOf<FactPart> | undefined;
    for (const key of FACT_PARTS[part]) {
      Object.defineProperty(facts, key, {
        enumerable: true,
        get: () => (held ??= partOf(part))[key],
      });
    }
  }
  return facts;
}

/** Whether `v` has the shape of the facts' `part` (a cached copy). */
export function isFactsPart<P extends FactPart>(part: P, v: unknown): v is FactsOf<P> {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  if (part === 'names') return isStringArray(f.surnames) && isStringArray(f.commonWords);
  if (part === 'headwords') {
    const headwords = f.headwords as Record<string, unknown> | undefined;
    return (
      typeof headwords === 'object' &&
      headwords !== null &&
      WantedStrings.fromState(headwords.traditional) !== null &&
      WantedStrings.fromState(headwords.normal) !== null
    );
  }
  return (
    isStringArray(f.simplified) &&
    isStringArray(f.traditional) &&
    isStringArray(f.normalTraditional) &&
    f.traditional.length === f.simplified.length &&
    f.normalTraditional.length === f.simplified.length &&
    f.lexicon instanceof Map &&
    f.properNames instanceof Map &&
    [...(f.properNames as Map<unknown, unknown>)].every(
      ([k, names]) => typeof k === 'number' && isStringArray(names),
    ) &&
    f.synonyms instanceof Map
  );
}
