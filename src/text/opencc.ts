/**
 * The OpenCC converters the project uses, each built once, when first used. opencc-js's typings import
 * './core' without an extension, which NodeNext resolution cannot follow; the one
 * signature used is stated here.
 */
import * as OpenCC from 'opencc-js';

type Locale = 'cn' | 'tw' | 'twp' | 'hk' | 't';
const { Converter } = OpenCC as unknown as {
  Converter: (options: { from: Locale; to: Locale }) => (text: string) => string;
};

/**
 * A converter made on its first use: each costs about 85 ms to build (opencc-js builds
 * its dictionaries' tries), and a process uses some of them only (a reindex never
 * converts to Traditional).
 */
function lazyConverter(from: Locale, to: Locale): (text: string) => string {
  let convert: ((text: string) => string) | undefined;
  return (text) => (convert ??= Converter({ from, to }))(text);
}

/** Hong Kong Traditional characters to Simplified. */
export const hkToCn = lazyConverter('hk', 'cn');
/** Taiwan Traditional characters to Simplified, character by character. */
export const twToCn = lazyConverter('tw', 'cn');
/** Taiwan Traditional to Simplified with Taiwan phrases (軟體 → 软件). */
export const twpToCn = lazyConverter('twp', 'cn');
/** Simplified to Taiwan Traditional characters. */
export const cnToTw = lazyConverter('cn', 'tw');
