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

export interface NameLexicon {
  /** A Simplified headword with a "surname …" sense (潘: "surname Pan"). */
  isSurname(text: string): boolean;
  /** A Simplified word the dictionary lists as a common (not proper) noun, verb, … */
  isCommonWord(text: string): boolean;
}

const SURNAME_SENSE = /^surname /i;
const COMMON_PINYIN = /^[a-z]/;

/** The lexicon of CC-CEDICT entries, keyed by their Simplified headwords. */
export function cedictLexicon(entries: readonly CedictEntry[]): NameLexicon {
  const surnames = new Set<string>();
  const commonWords = new Set<string>();
  for (const e of entries) {
    if (e.senses.some((sense) => SURNAME_SENSE.test(sense))) surnames.add(e.simplified);
    if (COMMON_PINYIN.test(e.pinyin)) commonWords.add(e.simplified);
  }
  return {
    isSurname: (text) => surnames.has(text),
    isCommonWord: (text) => commonWords.has(text),
  };
}
