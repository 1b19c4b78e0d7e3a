/**
 * CC-CEDICT as an English thesaurus. Two English words that are both one-word
 * senses of the same headword (培訓: "to train", "to cultivate") are close in
 * meaning; when several headwords agree, closely. This lets "train" reach
 * 培養 ("to cultivate; to educate"), which no sense glosses as "train".
 */
import type { CedictEntry } from './cedict.js';

/** Headwords with more one-word senses than this are too polysemous to say anything. */
const MAX_SENSES = 6;
/** Headwords that must agree before two words count as synonyms. */
export const MIN_SUPPORT = 2;

/** One-word senses of an entry: "to train", "drill", "training". */
function oneWordSenses(entry: CedictEntry): Set<string> {
  const words = new Set<string>();
  for (const sense of entry.senses) {
    for (const piece of sense.split(';')) {
      const word = piece.trim().replace(/^to\s+/, '');
      if (/^[a-z]{3,}$/.test(word)) words.add(word);
    }
  }
  return words;
}

/** word → its synonyms with how many headwords support each, strongest first. */
export function dictionarySynonyms(
  entries: readonly CedictEntry[],
): Map<string, [string, number][]> {
  const support = new Map<string, Map<string, number>>();
  for (const entry of entries) {
    const words = oneWordSenses(entry);
    if (words.size < 2 || words.size > MAX_SENSES) continue;
    for (const a of words) {
      let row = support.get(a);
      if (!row) {
        row = new Map<string, number>();
        support.set(a, row);
      }
      for (const b of words) if (b !== a) row.set(b, (row.get(b) ?? 0) + 1);
    }
  }
  const out = new Map<string, [string, number][]>();
  for (const [word, row] of support) {
    const strong = [...row].filter(([, n]) => n >= MIN_SUPPORT);
    if (strong.length > 0)
      out.set(
        word,
        strong.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)),
      );
  }
  return out;
}
