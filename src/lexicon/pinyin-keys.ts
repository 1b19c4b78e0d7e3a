/**
 * How English text spells Chinese words it does not translate: toneless pinyin
 * without spaces ("Beijing", "Song Junxiao" → songjunxiao). Only keys of two or
 * more syllables exist, so a single syllable ("Pan", "Song") never matches alone.
 */
import { pinyinSpellings, pinyinSyllables } from '../text/pinyin.js';

/** Pinyin keys of a Han word; names are also read with surname pronunciations (曾 zeng, 单 shan). */
export function pinyinKeys(word: string, options: { name?: boolean } = {}): string[] {
  const readings = [pinyinSyllables(word)];
  if (options.name) readings.push(pinyinSyllables(word, { surname: true }));
  const keys = new Set<string>();
  for (const syllables of readings) {
    if (syllables.length < 2) continue;
    for (const key of pinyinSpellings(syllables.join(''))) keys.add(key);
  }
  return [...keys];
}
