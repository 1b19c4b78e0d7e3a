/**
 * What the English→Chinese table needs from CC-CEDICT alone, whatever the corpus:
 * worked out in passes over all 120,000 entries, so an index build keeps it (keyed
 * by the dictionary's contents) instead of repeating those passes on every reindex.
 */
import { normalize } from '../text/normalize.js';
import type { CedictEntry } from './cedict.js';
import { dictionarySynonyms } from './english-synonyms.js';
import { properNames } from './sense-keys.js';

export interface DictionaryFacts {
  /** Each entry's traditional headword in normal form, in dictionary order. */
  normalTraditional: string[];
  /** Lowercase words the dictionary's English uses, with counts: real English, not pinyin. */
  lexicon: Map<string, number>;
  /** Multi-word proper names in an entry's senses, by entry number, for entries with any. */
  properNames: Map<number, string[]>;
  /** The dictionary as an English thesaurus (see english-synonyms.ts). */
  synonyms: Map<string, [string, number][]>;
}

const LOWERCASE_WORD = /(?<![\p{L}\d])[a-z][a-z'-]*(?![\p{L}\d])/gu;
const MAYBE_PROPER_NAME = /\p{Lu}[\p{L}\d]*\s+(?:(?:of|the|and|for|de)\s+)*[\p{Lu}\d]/u;

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
  return {
    normalTraditional: entries.map((e) => normalize(e.traditional)),
    lexicon,
    properNames: names,
    synonyms: dictionarySynonyms(entries),
  };
}

const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Whether `v` has the shape of the facts of a dictionary of `entries` entries (a cached copy). */
export function isDictionaryFacts(v: unknown, entries: number): v is DictionaryFacts {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    isStrings(f.normalTraditional) &&
    f.normalTraditional.length === entries &&
    f.lexicon instanceof Map &&
    f.properNames instanceof Map &&
    [...(f.properNames as Map<unknown, unknown>)].every(
      ([k, names]) => typeof k === 'number' && isStrings(names),
    ) &&
    f.synonyms instanceof Map
  );
}
