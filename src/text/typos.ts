/**
 * How far a typed word may be from the word meant. Shared by the people matcher and
 * the English expansion, so "nvidea" and "Pan Zizehng" are forgiven alike.
 */
import { distance } from 'fastest-levenshtein';

/** Edits tolerated in a word or name of `length` letters. */
export function allowedTypos(length: number): number {
  // Pinyin syllables of five letters differ by one letter all the time (zhang/zheng, huang/guang).
  if (length < 6) return 0;
  if (length < 9) return 1;
  if (length < 12) return 2;
  return 3;
}

/**
 * The one word of `known` that `word` is a misspelling of: within the edits its length
 * tolerates, starting with the same letter (a first letter is rarely the one mistyped,
 * and requiring it keeps ordinary words from landing on names), and nearer than any
 * other. Undefined when none is, or when two are equally near.
 */
export function misspellingOf(word: string, known: Iterable<string>): string | undefined {
  // The tolerance goes by the shorter word: a word too short for a typo never has one.
  if (allowedTypos(word.length) === 0) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const k of known) {
    if (k === word) return undefined;
    if (k.charAt(0) !== word.charAt(0)) continue;
    const allowed = allowedTypos(Math.min(word.length, k.length));
    if (allowed === 0 || Math.abs(k.length - word.length) > allowed) continue;
    const d = distance(word, k);
    if (d > allowed) continue;
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
      tie = false;
    } else if (d === bestDistance) tie = true;
  }
  return tie ? undefined : best;
}
