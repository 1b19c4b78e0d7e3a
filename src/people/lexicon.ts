/**
 * What a dictionary knows about would-be names. CC-CEDICT marks surnames
 * ("surname Pan") and writes proper nouns with capitalised pinyin, so a
 * candidate that it lists in lower case (才华, 藉由, 博士生) is an ordinary word,
 * not a name, whatever tag jieba gave it.
 *
 * Built from the entries the index build reads once (`loadCedict`), never from
 * the cc-cedict package's API, which indexes the whole dictionary on import.
 */
import type { CedictEntry } from '../lexicon/cedict.js';
import { lexiconWords } from '../lexicon/dictionary-facts.js';

export interface NameLexicon {
  /** A Simplified headword with a "surname …" sense (潘: "surname Pan"). */
  isSurname(text: string): boolean;
  /** A Simplified word the dictionary lists as a common (not proper) noun, verb, … */
  isCommonWord(text: string): boolean;
}

/** The lexicon of the words `lexiconWords` picked. */
export function nameLexicon(words: { surnames: string[]; commonWords: string[] }): NameLexicon {
  const surnames = new Set(words.surnames);
  const commonWords = new Set(words.commonWords);
  return {
    isSurname: (text) => surnames.has(text),
    isCommonWord: (text) => commonWords.has(text),
  };
}

/** The lexicon of CC-CEDICT entries, keyed by their Simplified headwords. */
export function cedictLexicon(entries: readonly CedictEntry[]): NameLexicon {
  return nameLexicon(lexiconWords(entries));
}
