import type { Config } from '../config.js';
import type { TokenizerOptions } from '../text/tokenize.js';

/** The keyword tokenizer a configuration asks for; the manifest records it. */
export function tokenizerOptions(config: Config): TokenizerOptions {
  return { segmenter: config.SEGMENTER, bigrams: true };
}
