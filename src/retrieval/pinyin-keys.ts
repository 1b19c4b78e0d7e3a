/**
 * How English text spells Chinese words it does not translate: toneless pinyin
 * without spaces ("Beijing", "Song Junxiao" → songjunxiao). Only keys of two or
 * more syllables exist, so a single syllable ("Pan", "Song") never matches alone.
 */
import { pinyin } from 'pinyin-pro';

const HAN_ONLY = /^\p{Script=Han}+$/u;

function spell(word: string, surname: boolean): string[] {
  return pinyin(word, {
    toneType: 'none',
    type: 'array',
    ...(surname && { surname: 'head' as const }),
  }).map((s) => s.toLowerCase());
}

/** "ü" has three English spellings: Lü, Lu, Lv. */
function umlautSpellings(key: string): string[] {
  if (!key.includes('ü')) return [key];
  return [key.replace(/ü/g, 'u'), key.replace(/ü/g, 'v'), key];
}

/** Pinyin keys of a Han word; names are also read with surname pronunciations (曾 zeng, 单 shan). */
export function pinyinKeys(word: string, options: { name?: boolean } = {}): string[] {
  if (word.length < 2 || !HAN_ONLY.test(word)) return [];
  const readings = [spell(word, false)];
  if (options.name) readings.push(spell(word, true));
  const keys = new Set<string>();
  for (const syllables of readings) {
    if (syllables.length < 2 || syllables.some((s) => !/^[a-zü]+$/.test(s))) continue;
    for (const key of umlautSpellings(syllables.join(''))) keys.add(key);
  }
  return [...keys];
}
