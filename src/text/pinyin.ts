/**
 * Pinyin of Han text, the one reading every module uses: toneless, lowercase,
 * ü written as ü. English text spells ü three ways (Lü, Lu, Lv), so whoever
 * compares pinyin with what people type asks `pinyinSpellings` for all of them.
 */
import { pinyin } from 'pinyin-pro';
import { HAN_ONLY } from './han.js';

export interface PinyinOptions {
  /** Read the first character(s) as a surname: 单 shan, 曾 zeng, 仇 qiu. */
  surname?: boolean;
}

const SYLLABLE = /^[a-zü]+$/;

/**
 * Syllables of a Han-only text ("吕布" → ["lü", "bu"]). Empty when the text has
 * anything else, or a character pinyin-pro cannot read: a name spelled with a
 * syllable missing would match the wrong people.
 */
export function pinyinSyllables(han: string, options: PinyinOptions = {}): string[] {
  if (!HAN_ONLY.test(han)) return [];
  const syllables = pinyin(han, {
    toneType: 'none',
    type: 'array',
    ...(options.surname && { surname: 'head' as const }),
  }).map((s) => s.toLowerCase());
  return syllables.length > 0 && syllables.every((s) => SYLLABLE.test(s)) ? syllables : [];
}

/**
 * Every spelling of pinyin that English text uses: "lü" → ["lu", "lv", "lü"].
 * All ü of the text are spelled alike. Text without ü has one spelling, itself.
 */
export function pinyinSpellings(text: string): string[] {
  if (!text.includes('ü')) return [text];
  return [text.replace(/ü/g, 'u'), text.replace(/ü/g, 'v'), text];
}
