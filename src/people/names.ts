/**
 * Forms of a person's name that both the registry builder and the matcher
 * compute: normal-form keys, Latin tokens, and pinyin of Chinese names.
 */
import { HAN_ONLY, HAN_RUNS } from '../text/han.js';
import { normalize } from '../text/normalize.js';
import { pinyinSyllables } from '../text/pinyin.js';

/** Middle dots seen between the parts of transliterated names (格雷厄姆·艾利森). */
const DOT_VARIANTS = /[·・•‧∙⋅･]/g;
export const NAME_DOT = '·';

/** One middle dot for all its look-alikes; keeps the length. */
export function foldDots(text: string): string {
  return text.replace(DOT_VARIANTS, NAME_DOT);
}

/** Normal form of a name: Simplified, lowercase, one dot, no spaces. */
export function nameKey(text: string): string {
  return foldDots(normalize(text)).replace(/\s+/g, '');
}

export { isHanOnly } from '../text/han.js';

/** A transliterated name inside text whose dots are folded: Han parts joined by middle dots. */
export const DOT_NAME = new RegExp(`\\p{Script=Han}+(?:${NAME_DOT}\\p{Script=Han}+)+`, 'u');
const WHOLE_DOT_NAME = new RegExp(`^(?:${DOT_NAME.source})$`, 'u');

/** A transliterated name: Han parts joined by middle dots. */
export function isDotName(key: string): boolean {
  return WHOLE_DOT_NAME.test(key);
}

/** Start of every occurrence of `form` in `text`, overlapping ones included. */
export function indexAll(text: string, form: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(form); i >= 0; i = text.indexOf(form, i + 1)) at.push(i);
  return at;
}

/** Han characters only: what a name key is compared on once dots and spaces are gone. */
export function hanLetters(text: string): string {
  return (text.match(HAN_RUNS) ?? []).join('');
}

/**
 * Surname and given name of a Chinese-style name (2–4 Han characters, no dot).
 * Four-character names are taken to have a compound surname (欧阳, 司马), the
 * common case; three and two have a one-character surname.
 */
export function splitChineseName(key: string): { surname: string; given: string } | null {
  if (!HAN_ONLY.test(key) || key.length < 2 || key.length > 4) return null;
  const cut = key.length === 4 ? 2 : 1;
  return { surname: key.slice(0, cut), given: key.slice(cut) };
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** "Pan Zizheng" and "Zizheng Pan" for a Chinese-style name; [] for anything else. */
export function pinyinAliases(name: string): string[] {
  const parts = splitChineseName(normalize(name));
  if (!parts) return [];
  const surname = capitalise(pinyinSyllables(parts.surname, { surname: true }).join(''));
  const given = capitalise(pinyinSyllables(parts.given, { surname: true }).join(''));
  if (!surname || !given) return [];
  return [`${surname} ${given}`, `${given} ${surname}`];
}

/**
 * Lowercase Latin words of a name or query: accents and tone marks dropped
 * ("Zǐzhèng" → "zizheng"), tone numbers dropped ("pan2" → "pan").
 */
export function latinTokens(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}
