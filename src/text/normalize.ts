/**
 * One normaliser for passages and queries alike, so that whatever a user types
 * meets the article's text in the same form.
 *
 * - Traditional is folded to Simplified with OpenCC's Taiwan phrase table, so
 *   Taiwan vocabulary meets the mainland and Hong Kong words of the same thing
 *   (軟體 → 软件, 晶片 → 芯片, 輝達 → 英伟达); then Hong Kong character variants; then
 *   the curated regional variants OpenCC lacks (variants.ts: 大學部 → 本科). jieba
 *   segments Simplified text better, and CC-CEDICT keys are Simplified too.
 * - Full-width ASCII and the ideographic space become half-width.
 * - Latin letters are lowercased.
 *
 * Phrase folding changes lengths (輝達 → 英伟达), so callers that need offsets into
 * the original use `normalizeAligned`, which folds character by character.
 */
import { createHash } from 'node:crypto';
import { cnToTw, hkToCn, twpToCn, twToCn } from './opencc.js';
import { foldVariants, variantEntries } from './variants.js';

/** Fold Traditional to Simplified character by character (lengths are kept). */
export function foldScript(text: string): string {
  return twToCn(hkToCn(text));
}

/**
 * Fold Traditional to Simplified and regional vocabulary to one form: Taiwan phrases
 * first, while the text is still Traditional (OpenCC's phrase keys are), then Hong Kong
 * character variants, then the curated variants.
 */
export function foldVocabulary(text: string): string {
  return foldVariants(hkToCn(twpToCn(text)));
}

/** Simplified to Traditional (Taiwan forms); used for UI hints, never for quotes. */
export function toTraditional(text: string): string {
  return cnToTw(text);
}

/** Bump when `normalize` changes in a way the variant table does not show. */
const NORMAL_FORM_VERSION = 2;

/**
 * Identifies the normal form: an index built under another one holds other terms and
 * is stale.
 */
export const NORMAL_FORM = createHash('sha256')
  .update(JSON.stringify([NORMAL_FORM_VERSION, variantEntries()]))
  .digest('hex')
  .slice(0, 12);

/** Full-width ASCII variants (U+FF01–U+FF5E) and U+3000 to their half-width forms. */
export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

const cache = new Map<string, string>();
const CACHE_LIMIT = 20_000;

/**
 * The normal form used by every index and every query. Answering normalises the same
 * passage sentences again and again, and OpenCC is the costly part, so results are
 * kept (bounded, so a long-running bot does not grow without end).
 */
export function normalize(text: string): string {
  const known = cache.get(text);
  if (known !== undefined) return known;
  const normal = foldVocabulary(foldWidth(text.normalize('NFKC'))).toLowerCase();
  if (text.length <= 1000) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(text, normal);
  }
  return normal;
}

/**
 * Normalise per character so the result has exactly the input's length.
 * Used where offsets into the original text must survive (sentence picking,
 * highlighting); characters whose normal form is not one code unit are kept.
 */
export function normalizeAligned(text: string): string {
  // Joined once rather than appended to: appending left a chain of partial strings per
  // character, and normalising every passage of ten thousand articles (the referents)
  // left over half a gigabyte of them for the collector.
  const chars: string[] = [];
  for (const ch of text) chars.push(alignedChar(ch));
  return chars.join('');
}

/**
 * The character's aligned normal form, remembered: OpenCC converting one character
 * at a time cost more than everything else person detection does, and a corpus
 * uses a few thousand distinct characters at most.
 */
const alignedChars = new Map<string, string>();

function alignedChar(ch: string): string {
  let n = alignedChars.get(ch);
  if (n === undefined) {
    const folded = foldScript(foldWidth(ch.normalize('NFKC'))).toLowerCase();
    n = folded.length === ch.length ? folded : ch;
    alignedChars.set(ch, n);
  }
  return n;
}
