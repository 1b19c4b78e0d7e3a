/**
 * The OpenCC converters the project uses, built once. opencc-js's typings import
 * './core' without an extension, which NodeNext resolution cannot follow; the one
 * signature used is stated here.
 */
import * as OpenCC from 'opencc-js';

type Locale = 'cn' | 'tw' | 'twp' | 'hk' | 't';
const { Converter } = OpenCC as unknown as {
  Converter: (options: { from: Locale; to: Locale }) => (text: string) => string;
};

/** Hong Kong Traditional characters to Simplified. */
export const hkToCn = Converter({ from: 'hk', to: 'cn' });
/** Taiwan Traditional characters to Simplified, character by character. */
export const twToCn = Converter({ from: 'tw', to: 'cn' });
/** Taiwan Traditional to Simplified with Taiwan phrases (軟體 → 软件). */
export const twpToCn = Converter({ from: 'twp', to: 'cn' });
/** Simplified to Taiwan Traditional characters. */
export const cnToTw = Converter({ from: 'cn', to: 'tw' });
