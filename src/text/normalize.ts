/**
 * One normaliser for passages and queries alike, so that whatever a user types
 * meets the article's text in the same form.
 *
 * - Traditional (Taiwan and Hong Kong variants) is folded to Simplified: jieba
 *   segments Simplified text better, and CC-CEDICT keys are Simplified too.
 * - Full-width ASCII and the ideographic space become half-width.
 * - Latin letters are lowercased.
 *
 * The mapping is character-for-character for everything we fold except OpenCC's
 * rare phrase conversions, so callers that need offsets map back through
 * `normalizeAligned`, which guarantees equal length.
 */
import * as OpenCC from 'opencc-js';

// opencc-js's typings import './core' without an extension, which NodeNext
// resolution cannot follow; state the one signature used here.
type Locale = 'cn' | 'tw' | 'hk' | 't';
const { Converter } = OpenCC as unknown as {
  Converter: (options: { from: Locale; to: Locale }) => (text: string) => string;
};

const hkToCn = Converter({ from: 'hk', to: 'cn' });
const twToCn = Converter({ from: 'tw', to: 'cn' });
const cnToTw = Converter({ from: 'cn', to: 'tw' });

/** Fold Traditional to Simplified. */
export function foldScript(text: string): string {
  return twToCn(hkToCn(text));
}

/** Simplified to Traditional (Taiwan forms); used for UI hints, never for quotes. */
export function toTraditional(text: string): string {
  return cnToTw(text);
}

/** Full-width ASCII variants (U+FF01–U+FF5E) and U+3000 to their half-width forms. */
export function foldWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/** The normal form used by every index and every query. */
export function normalize(text: string): string {
  return foldScript(foldWidth(text.normalize('NFKC'))).toLowerCase();
}

/**
 * Normalise per character so the result has exactly the input's length.
 * Used where offsets into the original text must survive (sentence picking,
 * highlighting); characters whose normal form is not one code unit are kept.
 */
export function normalizeAligned(text: string): string {
  let out = '';
  for (const ch of text) {
    const n = normalize(ch);
    out += n.length === ch.length ? n : ch;
  }
  return out;
}
